package dev.offload.spec.kit;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.Replies.OutboxEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated mail system of {@code POST /send-email}: {@link #send} takes {@code emailDelay} (interruptibly) and
 * then records the e-mail exactly once; {@code GET /outbox} lists the most recent ones.
 *
 * <p>Bounded and O(1) per send: a ring of the last {@link #capacity()} e-mails plus a count of every e-mail ever
 * sent. A server that sends for hours keeps constant memory and a constant-size {@code /outbox}; an unbounded
 * copy-on-write list made each send copy everything sent before it (O(n) per send, O(n²) over a soak).
 */
public final class Outbox {
    /** How many of the most recent e-mails {@code GET /outbox} lists. */
    public static final int DEFAULT_CAPACITY = 1_000;

    private final Duration sendDelay;
    private final OutboxEntry[] ring;
    /** Guarded by {@code this}: e-mails recorded so far; the next one goes to {@code ring[total % ring.length]}. */
    private long total;

    public Outbox(Duration sendDelay) {
        this(sendDelay, DEFAULT_CAPACITY);
    }

    public Outbox(Duration sendDelay, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1, not " + capacity);
        }
        this.sendDelay = sendDelay;
        this.ring = new OutboxEntry[capacity];
    }

    /** The background part: runs on the task's thread, never on the request's. */
    public Task.Work send(String taskId, EmailRequest email) {
        return () -> {
            Thread.sleep(sendDelay);
            OutboxEntry entry = new OutboxEntry(taskId, email.to(), email.subject(), Instant.now().toString());
            record(entry);
            return Map.of("to", email.to(), "sentAt", entry.sentAt());
        };
    }

    /** Records one sent e-mail: one slot written, nothing copied; the oldest is forgotten once the ring is full. */
    synchronized void record(OutboxEntry entry) {
        ring[(int) (total % ring.length)] = entry;
        total++;
    }

    /** The last {@link #capacity()} e-mails at most, oldest first. */
    public synchronized List<OutboxEntry> sent() {
        int size = (int) Math.min(total, ring.length);
        List<OutboxEntry> recent = new ArrayList<>(size);
        for (long i = total - size; i < total; i++) {
            recent.add(ring[(int) (i % ring.length)]);
        }
        return List.copyOf(recent);
    }

    /** Every e-mail sent since start, including those {@link #sent()} no longer lists. */
    public synchronized long totalSent() {
        return total;
    }

    public int capacity() {
        return ring.length;
    }
}
