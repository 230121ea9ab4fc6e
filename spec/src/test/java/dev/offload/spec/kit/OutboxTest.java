package dev.offload.spec.kit;

import dev.offload.spec.Replies.OutboxEntry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox stays bounded however long a server sends, and a send costs the same after a million e-mails as after
 * the first (issue 15: a copy-on-write list made Jetty's BG throughput fall from 5,300 to 474 req/s in a soak).
 */
class OutboxTest {
    private static OutboxEntry entry(int i) {
        return new OutboxEntry(Integer.toString(i), "user" + i + "@example.com", "s", "2026-01-01T00:00:00Z");
    }

    @Test
    void listsTheLastCapacityEmailsOldestFirstAndCountsAll() {
        Outbox outbox = new Outbox(Duration.ZERO, 3);
        IntStream.rangeClosed(1, 5).forEach(i -> outbox.record(entry(i)));
        assertEquals(List.of("3", "4", "5"), outbox.sent().stream().map(OutboxEntry::taskId).toList());
        assertEquals(5, outbox.totalSent());
    }

    @Test
    void beforeTheRingIsFullEverySentEmailIsListed() {
        Outbox outbox = new Outbox(Duration.ZERO, 10);
        IntStream.rangeClosed(1, 4).forEach(i -> outbox.record(entry(i)));
        assertEquals(List.of("1", "2", "3", "4"), outbox.sent().stream().map(OutboxEntry::taskId).toList());
    }

    @Test
    void sizeStaysAtTheBoundAfterManyMoreSends() {
        Outbox outbox = new Outbox(Duration.ZERO);
        for (int i = 0; i < 20 * Outbox.DEFAULT_CAPACITY; i++) {
            outbox.record(entry(i));
        }
        assertEquals(Outbox.DEFAULT_CAPACITY, outbox.sent().size());
        assertEquals(20L * Outbox.DEFAULT_CAPACITY, outbox.totalSent());
        assertEquals(Integer.toString(20 * Outbox.DEFAULT_CAPACITY - 1), outbox.sent().getLast().taskId());
    }

    /**
     * O(1) without a clock: the bytes a send allocates do not depend on how much was sent before. A list copied on
     * every add allocates about 4 bytes per earlier e-mail per send (here some 400 KB per send at 100,000).
     */
    @Test
    void aSendAllocatesTheSameWhetherTheOutboxHoldsAHundredOrAHundredThousand() {
        Outbox outbox = new Outbox(Duration.ZERO, 200_000);
        List<OutboxEntry> entries = IntStream.range(0, 1_000).mapToObj(OutboxTest::entry).toList();
        fill(outbox, 100);
        long nearlyEmpty = bytesAllocatedBy(() -> entries.forEach(outbox::record));
        fill(outbox, 100_000);
        long nearlyFull = bytesAllocatedBy(() -> entries.forEach(outbox::record));
        // 1,000 sends into a ring allocate nothing per send; allow generous slack for the JVM's own bookkeeping
        assertTrue(nearlyFull < nearlyEmpty + 64 * 1024,
                "1,000 sends allocated " + nearlyEmpty + " bytes with 100 e-mails held, " + nearlyFull
                        + " with 100,000: a send copies what was sent before");
    }

    private static void fill(Outbox outbox, long upTo) {
        for (long i = outbox.totalSent(); i < upTo; i++) {
            outbox.record(entry((int) i));
        }
    }

    private static long bytesAllocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
