package dev.offload.helidon;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.ProcessEvents;
import io.helidon.webserver.WebServer;

/**
 * {@code java -jar offload-helidon.jar --port=3000}: reads {@link OffloadConfig}, starts the WebServer on
 * {@code host:port}, prints the {@code started} line. SIGTERM goes through Helidon's shutdown hook: the server stops
 * accepting and finishes in-flight requests, then {@link DrainOnShutdown} drains background work and prints the
 * {@code drained} line; the JVM then exits by itself.
 */
public final class Main {
    static final String NAME = "helidon";

    private Main() {
    }

    public static void main(String[] args) {
        OffloadConfig config = OffloadConfig.loadOrExit(args);
        OffloadApp app = new OffloadApp(NAME, config);
        WebServer server = HelidonWiring.server(config, app, true);
        new DrainOnShutdown(app).register();
        try {
            server.start();
        } catch (RuntimeException e) {
            System.err.println("cannot start on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            System.exit(1);
        }
        ProcessEvents.started(NAME, config.host(), server.port());
    }
}
