package dev.offload.jetty;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.kit.ProcessEvents;

/**
 * {@code java -jar offload-jetty.jar [--key=value …]}: serves the spec on {@code host:port}, prints the
 * {@code started} line, and on SIGTERM stops gracefully through Jetty's own shutdown hook. The {@code drained} line
 * is printed by the drain bean as the server's last act; the JVM then exits by itself.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        OffloadConfig config = OffloadConfig.loadOrExit(args);
        JettyWiring server = new JettyWiring(config, ProcessEvents::drained);
        server.stopAtShutdown();
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("cannot start on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        ProcessEvents.started(JettyWiring.NAME, config.host(), server.port());
        server.join();
    }
}
