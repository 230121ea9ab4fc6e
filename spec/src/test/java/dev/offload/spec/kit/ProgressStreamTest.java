package dev.offload.spec.kit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ProgressStreamTest {
    private final TaskRegistry registry = new TaskRegistry("test");

    /**
     * A scope cancelled before its virtual thread ran the work (a client that leaves at once, or a busy machine):
     * the work's own end never comes, so the stream must still end instead of blocking its request thread forever.
     */
    @Test
    void aStreamWhoseWorkNeverRanStillEnds() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 200; i++) {
                ProgressStream stream = new ProgressStream(registry.create("work"), Duration.ofSeconds(30),
                        Duration.ofMillis(10));
                try (RequestScope scope = new RequestScope()) {
                    scope.fork(stream.task(), stream.work());
                    scope.cancel("client disconnected");
                    int step = stream.next();
                    while (step >= 0) {
                        step = stream.next();
                    }
                    assertEquals(-1, step);
                }
            }
        });
    }
}
