package dev.offload.helidon;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.webserver.WebServer;

/**
 * The SPI provider for tests and tools: the server of {@link HelidonWiring}, in-process, usually on port 0. No JVM
 * shutdown hook is registered (many servers may share one test JVM); {@link RunningServer#stop()} runs the same
 * sequence a SIGTERM does: stop the WebServer (grace period for in-flight requests), then drain background work
 * with what is left of {@code drainTimeout}.
 */
public final class HelidonProvider implements OffloadServer {

    @Override
    public String name() {
        return Main.NAME;
    }

    @Override
    public String mainClass() {
        return Main.class.getName();
    }

    @Override
    public RunningServer start(OffloadConfig config) {
        OffloadApp app = new OffloadApp(name(), config);
        WebServer server = HelidonWiring.server(config, app, false).start();
        return new Running(server, app);
    }

    private static final class Running implements RunningServer {
        private final WebServer server;
        private final OffloadApp app;
        private DrainReport report;

        private Running(WebServer server, OffloadApp app) {
            this.server = server;
            this.app = app;
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public synchronized DrainReport stop() {
            if (report == null) {
                app.stopAccepting();
                server.stop();
                report = app.drain();
            }
            return report;
        }
    }
}
