package dev.offload.spec.kit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FanOutTest {
    private final TaskRegistry registry = new TaskRegistry("test");

    @Test
    void childrenRunInParallel() throws Exception {
        long start = System.nanoTime();
        FanOut.Both<String, String> both = FanOut.both(registry,
                "a", () -> { Thread.sleep(300); return "A"; },
                "b", () -> { Thread.sleep(300); return "B"; });
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new FanOut.Both<>("A", "B"), both);
        assertTrue(tookMs < 550, "two 300 ms children took " + tookMs + " ms: not parallel");
        assertEquals(2, registry.stats().succeeded());
    }

    @Test
    void aFailingChildFailsFastAndCancelsItsSibling() throws Exception {
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        FanOut.ChildFailed failed = assertThrows(FanOut.ChildFailed.class, () -> FanOut.both(registry,
                "fetch-user", () -> {
                    Thread.sleep(50);
                    throw new IllegalStateException("user service down");
                },
                "fetch-orders", () -> {
                    try {
                        Thread.sleep(Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        siblingInterrupted.countDown();
                        throw e;
                    }
                    return "orders";
                }));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("fetch-user", failed.kind());
        assertTrue(failed.getMessage().contains("user service down"), failed.getMessage());
        assertTrue(tookMs < 2_000, "failed after " + tookMs + " ms, not fast");
        assertTrue(siblingInterrupted.await(2, TimeUnit.SECONDS), "sibling was interrupted");
        assertEquals(1, registry.stats().cancelled());
        assertEquals(1, registry.stats().failed());
        assertEquals(0, registry.stats().active());
    }

    @Test
    void anErrorInAChildFailsTheCallAndEndsBothTasks() {
        FanOut.ChildFailed failed = assertThrows(FanOut.ChildFailed.class, () -> FanOut.both(registry,
                "fetch-user", () -> {
                    throw new StackOverflowError("deep");
                },
                "fetch-orders", () -> {
                    Thread.sleep(Duration.ofSeconds(30));
                    return "orders";
                }));
        assertEquals("fetch-user", failed.kind());
        assertEquals(0, registry.stats().active(), "neither child is left RUNNING");
        assertEquals(1, registry.stats().failed());
    }
}
