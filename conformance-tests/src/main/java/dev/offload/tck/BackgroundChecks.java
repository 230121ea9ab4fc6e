package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.Replies.OutboxEntry;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** BG-1 and BG-2: the guide's fire-and-forget e-mail, done so nothing is lost and bad input starts nothing. */
public final class BackgroundChecks {
    private static final int EMAILS = 3;

    /**
     * BG-1: {@code POST /send-email} answers 202 {@code {"message","taskId"}} before the send completes (median
     * under half of {@code emailDelay}, and the e-mail is not yet in {@code GET /outbox} when the 202 arrives); each
     * e-mail then appears in the outbox exactly once, under its task id ({@code X-Task-Id} names it too), and its task
     * ends SUCCEEDED.
     *
     * <p>If it fails: the handler sends inline (the 202 waits for the send), sends twice (retry without
     * idempotence, or both the handler and the task send), or drops the send (the task is not tracked).
     */
    @Cites({"OBS-3", "CONV-2"})
    public Verdict required_BG_1_emailAcceptedAtOnceAndSentExactlyOnce(Probe p) throws Exception {
        long delay = p.config().emailDelay().toMillis();
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        p.postJson("/send-email", email("warmup-" + run)); // first request of its kind pays for class loading
        List<Long> latencies = new ArrayList<>();
        List<String> taskIds = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < EMAILS; i++) {
            String local = "bg1-" + run + "-" + i;
            long start = System.nanoTime();
            HttpResponse<String> r = p.postJson("/send-email", email(local));
            long took = Probe.millisSince(start);
            Probe.require(r.statusCode() == 202, "POST /send-email answered " + r.statusCode() + " "
                    + Probe.abbreviate(r.body(), 80));
            JsonNode body = Probe.json(r.body());
            String taskId = body.path("taskId").asText("");
            Probe.require(!taskId.isEmpty() && body.path("message").isTextual(), "202 body " + r.body()
                    + " is not {\"message\",\"taskId\"}");
            String header = r.headers().firstValue("X-Task-Id").orElse("");
            Probe.require(header.equals(taskId), "the 202 for task " + taskId + " carries X-Task-Id '" + header
                    + "' (SPEC.md CONV-2: every reply to a request that started a task names it)");
            // Sent already, and the 202 took the whole send: the handler sent inline and answered afterwards.
            boolean alreadySent = p.outbox().stream().anyMatch(e -> taskId.equals(e.taskId()));
            Probe.require(!(alreadySent && took >= delay), "the 202 for task " + taskId + " came after " + took
                    + " ms, when the e-mail was already in the outbox: the send ran inline");
            latencies.add(took);
            taskIds.add(taskId);
            addresses.add(local + "@example.com");
        }
        long deadline = System.nanoTime() + Duration.ofMillis(delay).plus(p.settleTimeout()).toNanos();
        List<OutboxEntry> outbox = p.outbox();
        while (!allSent(outbox, taskIds) && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(5, delay / 10));
            outbox = p.outbox();
        }
        Probe.require(allSent(outbox, taskIds), "e-mails " + taskIds + " not all in the outbox "
                + p.settleTimeout().plusMillis(delay).toMillis() + " ms later");
        // Watch a little longer: a duplicate send shows up now or never.
        Thread.sleep(Math.max(50, delay / 2));
        outbox = p.outbox();
        for (int i = 0; i < EMAILS; i++) {
            String to = addresses.get(i);
            String taskId = taskIds.get(i);
            long copies = outbox.stream().filter(e -> to.equals(e.to())).count();
            Probe.require(copies == 1, "e-mail to " + to + " is in the outbox " + copies + " times");
            Probe.require(outbox.stream().anyMatch(e -> to.equals(e.to()) && taskId.equals(e.taskId())),
                    "outbox entry for " + to + " does not carry task id " + taskId);
            Optional<TaskView> view = p.awaitEnd(taskId, Duration.ofSeconds(2));
            TaskState state = view.map(TaskView::state).orElse(null);
            Probe.require(state == TaskState.SUCCEEDED, "e-mail task " + taskId + " ended " + state);
        }
        long median = latencies.stream().sorted().toList().get(EMAILS / 2);
        Probe.require(median * 2 < delay, "202 after " + median + " ms (median), not under half of emailDelay "
                + delay + " ms");
        return Verdict.pass("202 after " + median + " ms (median of " + EMAILS + "; emailDelay " + delay
                + " ms); each sent exactly once, tasks SUCCEEDED").withValue(median, "ms");
    }

    /**
     * BG-2: {@code POST /send-email} with the catalogue's bad inputs ({@link HostileInputs#email}): malformed,
     * truncated and deeply nested JSON, non-objects, missing, blank and wrongly typed fields, huge numbers, invalid
     * UTF-8, empty bodies (400); wrong or missing Content-Type (415); bodies over {@code maxBodyBytes}, declared or
     * chunked (413); half a body and a stall. Each gets its 4xx with the JSON error body, none a 5xx, the server
     * serves the next request, and neither the outbox nor any counter moves.
     *
     * <p>If it fails: the figure names the inputs. A 5xx usually means a parser exception escaped the handler; a
     * 202 means validation is missing a case; a moved counter means the task was created before validation.
     */
    @Cites({"CONV-1"})
    public Verdict required_BG_2_badEmailInputRefusedWithJsonError(Probe p) throws Exception {
        return HostileInputs.judge(p, HostileInputs.email(p.config()), "bad e-mail inputs");
    }

    private static String email(String local) {
        return "{\"to\":\"" + local + "@example.com\",\"subject\":\"Offload TCK\",\"body\":\"hello\"}";
    }

    private static boolean allSent(List<OutboxEntry> outbox, List<String> taskIds) {
        return taskIds.stream().allMatch(id -> outbox.stream().anyMatch(e -> id.equals(e.taskId())));
    }
}
