package dev.offload.helidon;

import dev.offload.spec.Replies.DrainReport;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.ProcessEvents;
import io.helidon.common.Weighted;
import io.helidon.spi.HelidonShutdownHandler;

import java.time.Duration;

/**
 * DRAIN-2/3 for the process: Helidon's own shutdown hook runs its handlers by weight, highest first. The WebServer's
 * handler (default weight {@value Weighted#DEFAULT_WEIGHT}) closes the listener and waits up to
 * {@code shutdown-grace-period} for in-flight requests; this one, lighter, then drains the accepted background work
 * and prints the {@code drained} line as the process's last line of output. The grace period and the drain share one
 * {@code drainTimeout}: the drain gets what the in-flight requests left of it, measured from the signal.
 */
final class DrainOnShutdown implements HelidonShutdownHandler, Weighted {
    /** Below the WebServer's handler, so requests finish before background work is drained. */
    static final double WEIGHT = Weighted.DEFAULT_WEIGHT / 2;

    private final OffloadApp app;
    private volatile long signalledAt = System.nanoTime();

    DrainOnShutdown(OffloadApp app) {
        this.app = app;
    }

    /** Registers this handler and a heavier one that notes when shutdown began, before the WebServer stops. */
    void register() {
        io.helidon.Main.addShutdownHandler(new SignalClock());
        io.helidon.Main.addShutdownHandler(this);
    }

    /** Heavier than the WebServer's handler, so it runs first: the moment the stop began. */
    private final class SignalClock implements HelidonShutdownHandler, Weighted {
        @Override
        public void shutdown() {
            signalledAt = System.nanoTime();
        }

        @Override
        public double weight() {
            return Weighted.DEFAULT_WEIGHT * 2;
        }

        @Override
        public String toString() {
            return "Offload shutdown clock";
        }
    }

    @Override
    public void shutdown() {
        ProcessEvents.drained(drain(app, signalledAt));
    }

    /**
     * Drains {@code app}'s background work with what is left of {@code drainTimeout} since the stop began at
     * {@code stopBegan} ({@link System#nanoTime()}): the one drain budget of this server, for SIGTERM and
     * {@link HelidonProvider} alike.
     */
    static DrainReport drain(OffloadApp app, long stopBegan) {
        Duration spent = Duration.ofNanos(System.nanoTime() - stopBegan);
        return app.drain(app.config().drainTimeout().minus(spent));
    }

    @Override
    public double weight() {
        return WEIGHT;
    }

    @Override
    public String toString() {
        return "Offload drain of accepted background work";
    }
}
