package dev.offload.spec.kit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition with a generous bound instead of sleeping a fixed time. */
final class Eventually {
    private Eventually() {
    }

    static void until(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + bound.toMillis() + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
