package dev.offload.helidon;

import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.ProcessEvents;
import io.helidon.common.Weighted;
import io.helidon.spi.HelidonShutdownHandler;


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

    DrainOnShutdown(OffloadApp app) {
        this.app = app;
    }

    /** Registers this handler and a heavier one that closes the door for new work before the WebServer stops. */
    void register() {
        io.helidon.Main.addShutdownHandler(new StopBegins());
        io.helidon.Main.addShutdownHandler(this);
    }

    /**
     * Heavier than the WebServer's handler, so it runs first: from here on new work is refused (DRAIN-1) — also on
     * keep-alive connections the WebServer's grace period still serves — and {@code drainTimeout} starts counting.
     */
    private final class StopBegins implements HelidonShutdownHandler, Weighted {
        @Override
        public void shutdown() {
            app.stopAccepting();
        }

        @Override
        public double weight() {
            return Weighted.DEFAULT_WEIGHT * 2;
        }

        @Override
        public String toString() {
            return "Offload stop: refuse new work";
        }
    }

    /** The kit gives the drain what the in-flight requests left of {@code drainTimeout}. */
    @Override
    public void shutdown() {
        ProcessEvents.drained(app.drain());
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
