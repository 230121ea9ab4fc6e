package dev.offload.jetty;

import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.Graceful;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * DRAIN-2/3: the application's half of a graceful stop, as a bean of the Jetty {@code Server}. As a
 * {@link Graceful} it starts {@link OffloadApp#drain()} when Jetty's graceful phase begins, in parallel with Jetty
 * waiting for in-flight requests, so the whole stop stays within {@code drainTimeout} (the kit's own bound) instead
 * of adding the two waits up. {@link #doStop()} runs after the connectors are closed; it waits for the drain and
 * hands the report on.
 */
final class AppDrain extends AbstractLifeCycle implements Graceful {
    private final OffloadApp app;
    private final Consumer<DrainReport> onDrained;
    private volatile CompletableFuture<DrainReport> drain;

    AppDrain(OffloadApp app, Consumer<DrainReport> onDrained) {
        this.app = app;
        this.onDrained = onDrained;
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        if (drain == null) {
            drain = CompletableFuture.supplyAsync(app::drain,
                    runnable -> Thread.ofPlatform().name("offload-drain").start(runnable));
        }
        return drain.thenApply(report -> null);
    }

    @Override
    public boolean isShutdown() {
        return drain != null;
    }

    @Override
    protected void doStop() throws Exception {
        // A stop without a graceful phase (stopTimeout 0) drains here.
        shutdown();
        onDrained.accept(drain.join());
    }
}
