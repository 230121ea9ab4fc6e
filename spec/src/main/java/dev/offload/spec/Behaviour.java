package dev.offload.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * The behaviour catalogue of {@code SPEC.md}, one constant per stable ID. The ID is the constant name with the
 * underscore written as a dash ({@code TIMEOUT_2} is {@code TIMEOUT-2}); a test keeps this enum, SPEC.md and
 * openapi.yaml in agreement.
 */
public enum Behaviour {
    COPY_1(Grade.REQUIRED, "Handler snapshots request data before spawning; each task observes its own request",
            GuideSection.COPY_DATA),
    COPY_2(Grade.REQUIRED, "Every response carries its own X-Trace and nothing from another request",
            GuideSection.CONTEXT_REUSE),
    CANCEL_1(Grade.REQUIRED, "Streaming work is cancelled within 1 s of a client disconnect",
            GuideSection.USER_CONTEXT),
    CANCEL_2(Grade.REQUIRED, "Streaming work without a disconnect succeeds with every progress line in order",
            GuideSection.USER_CONTEXT),
    CANCEL_3(Grade.RECOMMENDED, "Non-streaming HTTP/1.1 work is cancelled within 1 s of a client disconnect",
            GuideSection.USER_CONTEXT),
    CANCEL_4(Grade.RECOMMENDED, "HTTP/2 stream reset or connection close cancels the work within 1 s",
            GuideSection.USER_CONTEXT),
    BG_1(Grade.REQUIRED, "Background e-mail answers 202 at once and is sent exactly once",
            GuideSection.BACKGROUND_TASKS),
    BG_2(Grade.REQUIRED, "Bad e-mail input gets a 4xx JSON error and starts nothing",
            GuideSection.BACKGROUND_TASKS),
    POOL_1(Grade.REQUIRED, "Bounded worker pool accepts with 202 and rejects with 503 + Retry-After, never blocks",
            GuideSection.WORKER_POOL),
    POOL_2(Grade.REQUIRED, "Job ids are unique under rapid submission", GuideSection.WORKER_POOL),
    POOL_3(Grade.REQUIRED, "After the queue drains, submits are accepted again and no accepted job is lost",
            GuideSection.WORKER_POOL),
    ERR_1(Grade.REQUIRED, "A failing job ends FAILED with its message and the worker survives",
            GuideSection.WARNINGS),
    FAN_1(Grade.REQUIRED, "Fan-out runs children in parallel: latency near the slower child",
            GuideSection.ASYNC_AWAIT),
    FAN_2(Grade.REQUIRED, "A failing child fails the request fast and cancels its sibling",
            GuideSection.ASYNC_AWAIT),
    TIMEOUT_1(Grade.REQUIRED, "Work within the deadline answers 200, failing work 500", GuideSection.TIMEOUT),
    TIMEOUT_2(Grade.REQUIRED, "Work past the deadline answers 408 at the deadline and is interrupted",
            GuideSection.TIMEOUT),
    TIMEOUT_3(Grade.REQUIRED, "After a 408 the keep-alive connection works and nothing late leaks",
            GuideSection.TIMEOUT),
    DRAIN_1(Grade.REQUIRED, "After SIGTERM no new work is accepted", GuideSection.GRACEFUL_SHUTDOWN),
    DRAIN_2(Grade.REQUIRED, "After SIGTERM in-flight and accepted work finishes and the process exits",
            GuideSection.GRACEFUL_SHUTDOWN),
    DRAIN_3(Grade.REQUIRED, "Work that outlives drainTimeout is cancelled and listed as abandoned",
            GuideSection.GRACEFUL_SHUTDOWN),
    LEAK_1(Grade.REQUIRED, "After every scenario settles, active work returns to 0", GuideSection.WARNINGS),
    HTTP_1(Grade.REQUIRED, "Unknown path 404, wrong method 405 with Allow, both with a JSON error",
            GuideSection.WARNINGS),
    LIMIT_1(Grade.RECOMMENDED, "Over maxConcurrentRequests the server answers 503 + Retry-After at once",
            GuideSection.WORKER_POOL),
    WIRE_1(Grade.REQUIRED, "After an early answer nothing of the unread body is parsed as a request",
            GuideSection.WIRE),
    WIRE_2(Grade.REQUIRED, "Connection: close is honoured both ways", GuideSection.WIRE),
    WIRE_3(Grade.REQUIRED, "Chunked bodies are framed strictly; a fault is 400 and a close", GuideSection.WIRE),
    WIRE_4(Grade.REQUIRED, "Ambiguous framing (CL+TE, duplicate CL, obs-fold, ...) is refused with 400 and a close",
            GuideSection.WIRE),
    WIRE_5(Grade.REQUIRED, "A response to HEAD never carries a body", GuideSection.WIRE),
    WIRE_6(Grade.REQUIRED, "Stalled clients are cut off within headerTimeout, bodyTimeout and idleTimeout",
            GuideSection.WIRE),
    WIRE_7(Grade.RECOMMENDED, "An unknown transfer coding gets 501 UNSUPPORTED_TRANSFER_CODING", GuideSection.WIRE),
    WIRE_8(Grade.REQUIRED, "JSON bodies must be well-formed UTF-8 without duplicate member names",
            GuideSection.WIRE);

    private final Grade grade;
    private final String title;
    private final GuideSection section;

    Behaviour(Grade grade, String title, GuideSection section) {
        this.grade = grade;
        this.title = title;
        this.section = section;
    }

    /** The stable ID as written in SPEC.md, e.g. {@code TIMEOUT-2}. */
    public String id() {
        return name().replace('_', '-');
    }

    public Grade grade() {
        return grade;
    }

    public String title() {
        return title;
    }

    public GuideSection section() {
        return section;
    }

    public static Optional<Behaviour> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id().equals(id)).findFirst();
    }

    /** The sections of the Go/Fiber goroutine guide that the behaviours come from. */
    public enum GuideSection {
        CONTEXT_REUSE("Fiber context and goroutines: context reuse"),
        COPY_DATA("The right way: copy the data"),
        USER_CONTEXT("Use UserContext"),
        BACKGROUND_TASKS("Background tasks"),
        WORKER_POOL("Worker pool pattern"),
        ASYNC_AWAIT("Async/await pattern"),
        TIMEOUT("Goroutines with a timeout"),
        GRACEFUL_SHUTDOWN("Graceful shutdown"),
        WARNINGS("Warnings summary"),
        /** Not in the guide: the bytes every offloaded request starts from (RFC 9112). */
        WIRE("HTTP/1.1 message framing, connections and timeouts (RFC 9112)");

        private final String title;

        GuideSection(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}
