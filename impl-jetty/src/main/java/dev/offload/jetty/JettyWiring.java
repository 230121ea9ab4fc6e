package dev.offload.jetty;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one place the Jetty server of Offload is built (used by {@link Main} and {@link JettyProvider}), wired by
 * hand the way the Jetty core examples do:
 * <pre>
 * Server (QueuedThreadPool + virtual threads, ErrorReplies, AppDrain bean)
 *  └ GracefulStop          DRAIN-1/2: counts in-flight requests, 503 SHUTTING_DOWN after the stop began
 *     └ ConcurrencyLimit   LIMIT-1, only when maxConcurrentRequests is set
 *        └ SizeLimitHandler BG-2: 413 for bodies over maxBodyBytes
 *           └ Routes       the kit's Endpoint table → one handler per endpoint; 404/405 via ErrorReplies
 * </pre>
 */
final class JettyWiring {
    static final String NAME = "jetty";

    /**
     * Upper bound of request handlers running at once on virtual threads; more wait for a permit. Generous on
     * purpose: refusing load is LIMIT-1's job (QoSHandler), this only keeps a flood from piling up unbounded.
     */
    private static final int MAX_CONCURRENT_TASKS = 10_000;
    /** Jetty's graceful wait ends a little after the app drain's own bound, so it never cuts the drain short. */
    private static final long STOP_MARGIN_MS = 1_000;

    private final Server server;
    private final ServerConnector connector;
    private final CompletableFuture<DrainReport> drained = new CompletableFuture<>();

    JettyWiring(OffloadConfig config, Consumer<DrainReport> onDrained) {
        OffloadApp app = new OffloadApp(NAME, config);
        this.server = new Server(threadPool());
        this.connector = connector(server, config);
        server.addConnector(connector);
        server.setHandler(handlers(app, config));
        server.setErrorHandler(new ErrorReplies(app));
        server.addBean(new AppDrain(app, report -> {
            drained.complete(report);
            onDrained.accept(report);
        }));
        server.setStopTimeout(config.drainTimeout().toMillis() + STOP_MARGIN_MS);
    }

    /** Jetty 12.1's recommended virtual-thread setup: platform threads for selectors, virtual ones for handlers. */
    private static QueuedThreadPool threadPool() {
        VirtualThreadPool virtual = new VirtualThreadPool();
        virtual.setName("offload-jetty-virtual");
        virtual.setMaxConcurrentTasks(MAX_CONCURRENT_TASKS);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("offload-jetty");
        threads.setVirtualThreadsExecutor(virtual);
        return threads;
    }

    /** HTTP/1.1 and HTTP/2 cleartext (prior knowledge or upgrade) on one port. */
    private static ServerConnector connector(Server server, OffloadConfig config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
                new HTTP2CServerConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    private static Handler handlers(OffloadApp app, OffloadConfig config) {
        Handler.Wrapper sizeLimit = new SizeLimitHandler(config.maxBodyBytes(), -1);
        sizeLimit.setHandler(new Routes(app));
        Handler.Wrapper graceful = new GracefulStop();
        if (config.limitsConcurrentRequests()) {
            Handler.Wrapper limit = new ConcurrencyLimit(app);
            limit.setHandler(sizeLimit);
            graceful.setHandler(limit);
        } else {
            graceful.setHandler(sizeLimit);
        }
        return graceful;
    }

    /** Stop on SIGTERM (Jetty's shutdown hook); must be set before {@link #start()}. */
    void stopAtShutdown() {
        server.setStopAtShutdown(true);
    }

    void start() throws Exception {
        server.start();
    }

    /** The bound port, also when the config asked for an ephemeral one. */
    int port() {
        return connector.getLocalPort();
    }

    /** Graceful stop: refuse new requests, finish in-flight ones, drain the app; returns the drain report. */
    DrainReport stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        }
        return drained.join();
    }

    void join() throws InterruptedException {
        server.join();
    }
}
