package dev.offload.jetty;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;

/**
 * The SPI provider of the Jetty implementation ({@code META-INF/services/dev.offload.spec.OffloadServer}): starts
 * the same {@link JettyWiring} that {@link Main} runs as a process.
 */
public final class JettyProvider implements OffloadServer {

    @Override
    public String name() {
        return JettyWiring.NAME;
    }

    @Override
    public String mainClass() {
        return Main.class.getName();
    }

    @Override
    public RunningServer start(OffloadConfig config) throws Exception {
        JettyWiring server = new JettyWiring(config, report -> {
        });
        server.start();
        return new RunningServer() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public DrainReport stop() {
                return server.stop();
            }
        };
    }
}
