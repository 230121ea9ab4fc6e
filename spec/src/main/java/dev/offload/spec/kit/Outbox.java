package dev.offload.spec.kit;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.Replies.OutboxEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated mail system of {@code POST /send-email}: {@link #send} takes {@code emailDelay} (interruptibly) and
 * then records the e-mail exactly once; {@code GET /outbox} lists what was sent.
 */
public final class Outbox {
    private final Duration sendDelay;
    private final List<OutboxEntry> sent = new CopyOnWriteArrayList<>();

    public Outbox(Duration sendDelay) {
        this.sendDelay = sendDelay;
    }

    /** The background part: runs on the task's thread, never on the request's. */
    public Task.Work send(String taskId, EmailRequest email) {
        return () -> {
            Thread.sleep(sendDelay);
            OutboxEntry entry = new OutboxEntry(taskId, email.to(), email.subject(), Instant.now().toString());
            sent.add(entry);
            return Map.of("to", email.to(), "sentAt", entry.sentAt());
        };
    }

    public List<OutboxEntry> sent() {
        return List.copyOf(sent);
    }
}
