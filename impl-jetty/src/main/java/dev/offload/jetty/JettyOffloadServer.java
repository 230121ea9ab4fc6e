package dev.offload.jetty;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;

/** The SPI entry of the Jetty implementation ({@code META-INF/services/dev.offload.spec.OffloadServer}). */
public final class JettyOffloadServer implements OffloadServer {

    @Override
    public String name() {
        return OffloadJettyServer.NAME;
    }

    @Override
    public String mainClass() {
        return Main.class.getName();
    }

    @Override
    public RunningServer start(OffloadConfig config) throws Exception {
        OffloadJettyServer server = new OffloadJettyServer(config, report -> {
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
