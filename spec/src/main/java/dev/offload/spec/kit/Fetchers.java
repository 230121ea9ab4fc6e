package dev.offload.spec.kit;

import dev.offload.spec.Replies.User;

import java.time.Duration;
import java.util.List;

/** The two simulated upstream calls of {@code GET /data}; each sleeps its delay and may be told to fail. */
public final class Fetchers {
    private Fetchers() {
    }

    public static Deadline.Job<User> user(Duration delay, boolean fail) {
        return () -> {
            Thread.sleep(fail ? delay.dividedBy(2) : delay);
            if (fail) {
                throw new IllegalStateException("user service unavailable");
            }
            return new User("u-1", "Rahim");
        };
    }

    public static Deadline.Job<List<String>> orders(Duration delay, boolean fail) {
        return () -> {
            Thread.sleep(fail ? delay.dividedBy(2) : delay);
            if (fail) {
                throw new IllegalStateException("orders service unavailable");
            }
            return List.of("order1", "order2");
        };
    }
}
