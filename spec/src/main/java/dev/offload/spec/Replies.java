package dev.offload.spec;

import java.util.List;

/** The small success bodies of the spec's endpoints, one record each. */
public final class Replies {
    private Replies() {
    }

    /** {@code GET /copy} → 200. */
    public record CopyAccepted(String status, String taskId) {
    }

    /** {@code POST /send-email} → 202. */
    public record EmailAccepted(String message, String taskId) {
    }

    /** {@code POST /job} → 202. */
    public record JobAccepted(String jobId) {
    }

    /** {@code GET /slow} → 200. */
    public record SlowResult(String result, String taskId) {
    }

    /** {@code GET /data} → 200. */
    public record FanOutResult(User user, List<String> orders) {
    }

    public record User(String id, String name) {
    }

    /** One line of {@code GET /outbox}: an e-mail that was actually sent. */
    public record OutboxEntry(String taskId, String to, String subject, String sentAt) {
    }

    /** The last line a server prints on a graceful stop. */
    public record DrainReport(String event, int completed, List<String> abandoned) {
        public static DrainReport of(int completed, List<String> abandoned) {
            return new DrainReport("drained", completed, List.copyOf(abandoned));
        }
    }
}
