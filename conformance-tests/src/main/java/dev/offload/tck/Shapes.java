package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.Replies.OutboxEntry;
import dev.offload.spec.StatsView;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the observation endpoints' answers into their SPEC.md shapes, or says which shape was expected and what
 * arrived. A check that depends on one of them cannot judge its own behaviour when it is broken, so the verdict
 * begins "cannot judge: GET /outbox is not …" instead of blaming the behaviour under test.
 */
public final class Shapes {
    static final String STATS = "{\"server\",\"active\",\"queued\",\"running\",\"succeeded\",\"failed\","
            + "\"cancelled\",\"timedOut\",\"rejected\"} with whole numbers";
    static final String TASK = "{\"id\",\"kind\",\"state\",\"observed\",\"error\",\"createdAt\",\"startedAt\","
            + "\"endedAt\"} with state one of " + Arrays.toString(TaskState.values());
    static final String OUTBOX = "a JSON array of {\"taskId\",\"to\",\"subject\",\"sentAt\"}";
    private static final List<String> COUNTERS = List.of("active", "queued", "running", "succeeded", "failed",
            "cancelled", "timedOut", "rejected");

    private Shapes() {
    }

    /** {@code GET /stats} as SPEC.md's Observation endpoints describe it. */
    public static StatsView stats(HttpResponse<String> response) {
        Answer r = Answer.of(response);
        JsonNode node = ok("GET /stats", r, STATS);
        String wrong = !node.isObject() ? "not a JSON object" : null;
        for (String counter : COUNTERS) {
            if (wrong == null && !node.path(counter).isIntegralNumber()) {
                wrong = "\"" + counter + "\" is " + kind(node.path(counter));
            }
        }
        if (wrong != null) {
            throw cannotJudge("GET /stats", STATS, wrong, r);
        }
        return new StatsView(node.path("server").asText(""), node.path("active").asLong(),
                node.path("queued").asLong(), node.path("running").asLong(), node.path("succeeded").asLong(),
                node.path("failed").asLong(), node.path("cancelled").asLong(), node.path("timedOut").asLong(),
                node.path("rejected").asLong());
    }

    /** {@code GET /tasks/{id}} or {@code GET /job/{id}} (status 200 already seen). */
    public static TaskView task(String request, HttpResponse<String> response) {
        return task(request, Answer.of(response));
    }

    /** The same, read off a raw connection. */
    public static TaskView task(String request, Answer r) {
        JsonNode node = ok(request, r, TASK);
        String wrong = null;
        TaskState state = null;
        if (!node.isObject()) {
            wrong = "not a JSON object";
        } else if (!node.path("id").isTextual() && !node.path("id").isNumber()) {
            wrong = "\"id\" is " + kind(node.path("id"));
        } else {
            try {
                state = TaskState.valueOf(node.path("state").asText(""));
            } catch (IllegalArgumentException e) {
                wrong = "\"state\" is " + kind(node.path("state"));
            }
        }
        if (wrong == null && !node.path("observed").isMissingNode() && !node.path("observed").isNull()
                && !node.path("observed").isObject()) {
            wrong = "\"observed\" is " + kind(node.path("observed"));
        }
        if (wrong != null) {
            throw cannotJudge(request, TASK, wrong, r);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> observed = node.path("observed").isObject()
                ? Probe.MAPPER.convertValue(node.path("observed"), Map.class) : null;
        return new TaskView(node.path("id").asText(), text(node, "kind"), state, observed, text(node, "error"),
                text(node, "createdAt"), text(node, "startedAt"), text(node, "endedAt"));
    }

    /** {@code GET /outbox}. */
    public static List<OutboxEntry> outbox(HttpResponse<String> response) {
        Answer r = Answer.of(response);
        JsonNode node = ok("GET /outbox", r, OUTBOX);
        if (!node.isArray()) {
            throw cannotJudge("GET /outbox", OUTBOX, "not a JSON array", r);
        }
        List<OutboxEntry> entries = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isObject() || !e.path("taskId").isValueNode() || !e.path("to").isTextual()) {
                throw cannotJudge("GET /outbox", OUTBOX, "an entry is " + Evidence.body(e.toString()), r);
            }
            entries.add(new OutboxEntry(e.path("taskId").asText(), e.path("to").asText(), text(e, "subject"),
                    text(e, "sentAt")));
        }
        return entries;
    }

    /** The body as JSON after a 200; else the check cannot judge. */
    private static JsonNode ok(String request, Answer r, String shape) {
        if (r.status() != 200) {
            throw cannotJudge(request, "200 with " + shape, "it answered " + r.status(), r);
        }
        try {
            JsonNode node = Probe.MAPPER.readTree(r.body());
            if (node == null || node.isMissingNode()) {
                throw cannotJudge(request, shape, "the body is empty", r);
            }
            return node;
        } catch (IOException e) {
            throw cannotJudge(request, shape, "the body is not JSON", r);
        }
    }

    static CheckFailed cannotJudge(String request, String expected, String wrong, Answer r) {
        return new CheckFailed("cannot judge: " + request + " is not " + expected + " (SPEC.md, Observation"
                + " endpoints): " + wrong + "; got " + r);
    }

    /** What a JSON value is, for "\"active\" is a string \"x\"". */
    static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        return switch (value.getNodeType()) {
            case NULL -> "null";
            case STRING -> "the string " + Evidence.body(value.asText());
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "not a value";
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
