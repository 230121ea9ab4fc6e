package dev.offload.tck;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;

import java.net.URI;
import java.util.List;

/** The servers on the test class path, started in this JVM with the TCK's fast timings. */
public final class BundledServers {
    private BundledServers() {
    }

    /**
     * The one fast configuration of the in-process tests, the TCK's bundled run and the server suite
     * ({@code dev.offload.tck.servers}) alike: every wait in the checks scales with these, so the runs stay short.
     */
    public static OffloadConfig fastConfig() {
        return OffloadConfig.defaults()
                .with("port", "0")
                .with("emailDelay", "300ms")
                .with("copyObserveDelay", "20ms")
                .with("heartbeat", "50ms")
                .with("userDelay", "200ms")
                .with("ordersDelay", "300ms")
                .with("slowDeadline", "300ms")
                .with("drainTimeout", "5s")
                .with("workers", "4")
                .with("queueCapacity", "16");
    }

    static List<OffloadServer> discover() {
        return OffloadServer.discover();
    }

    /** A started bundled server and its target: HTTP checks in-process, DRAIN checks as a child process. */
    record Started(OffloadServer server, OffloadServer.RunningServer running, Target target) implements AutoCloseable {
        @Override
        public void close() {
            if (running != null) {
                running.stop();
            }
        }
    }

    static Started start(OffloadServer server, OffloadConfig config) throws Exception {
        OffloadServer.RunningServer running = server.start(config);
        URI base = URI.create("http://127.0.0.1:" + running.port());
        Target target = Target.of(server.name(), base, config)
                .withLauncher(JavaMainLauncher.ofCurrentJvm(server.mainClass()))
                .withStarter(settings -> inProcess(server, settings));
        return new Started(server, running, target);
    }

    /** Another in-process instance with other settings (LIMIT-1). */
    static ServerStarter.Started inProcess(OffloadServer server, OffloadConfig config) throws Exception {
        OffloadServer.RunningServer running = server.start(config.with("port", "0"));
        URI base = URI.create("http://127.0.0.1:" + running.port());
        return new ServerStarter.Started() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() {
                running.stop();
            }
        };
    }
}
