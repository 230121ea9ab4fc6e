package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.TaskState;
import dev.offload.spec.TaskView;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * COPY-1 and COPY-2: the guide's first hazard, a request object reused after the handler returned. Both judge one
 * experiment, the <em>copy storm</em>: many keep-alive connections each send a run of {@code GET /copy} requests
 * with their own {@code user_id} and {@code X-Trace}, as fast as the server answers, so a server that recycles
 * request objects (or response headers) between requests on a connection, or across connections, gets caught.
 */
public final class CopyChecks {

    /**
     * COPY-1: every task spawned by {@code GET /copy} records, after {@code copyObserveDelay}, exactly the path,
     * {@code user_id} and {@code X-Trace} of the request that spawned it, under
     * {@code copyConnections x copyRequestsPerConnection} concurrent keep-alive requests.
     *
     * <p>If it fails: the handler hands the task something that still points into the request (a header map, a
     * query view, the server's request object) instead of copying the three values into an immutable snapshot
     * before it spawns; the figure names a task and what it saw instead.
     */
    @Cites({"OBS-1"})
    public Verdict required_COPY_1_eachTaskObservesItsOwnRequest(Probe p) throws Exception {
        Storm storm = storm(p);
        if (storm.failedRequests() > 0) {
            return Verdict.fail(storm.failedRequests() + " of " + storm.sent.size() + " /copy requests failed, e.g. "
                    + storm.firstFailure);
        }
        List<String> wrong = new ArrayList<>();
        int unfinished = 0;
        for (Exchange e : storm.sent) {
            if (e.observed == null || e.state != TaskState.SUCCEEDED) {
                unfinished++;
                if (wrong.size() < 3) {
                    wrong.add("task " + e.taskId + " ended " + e.state + " with observed " + e.observed);
                }
                continue;
            }
            String path = text(e.observed, "path");
            String user = text(e.observed, "userId");
            String trace = text(e.observed, "trace");
            if (path == null || user == null || trace == null) {
                if (wrong.size() < 3) {
                    wrong.add("task " + e.taskId + " observed " + Evidence.body(String.valueOf(e.observed))
                            + ", expected {\"path\",\"userId\",\"trace\"} (SPEC.md COPY-1)");
                }
                e.mismatch = true;
            } else if (!"/copy".equals(path) || !e.userId.equals(user) || !e.trace.equals(trace)) {
                if (wrong.size() < 3) {
                    wrong.add("task " + e.taskId + " saw path=" + path + " user_id=" + user + " trace=" + trace
                            + ", sent user_id=" + e.userId + " trace=" + e.trace);
                }
                e.mismatch = true;
            }
        }
        long mismatched = storm.sent.stream().filter(e -> e.mismatch).count();
        if (mismatched > 0 || unfinished > 0) {
            return Verdict.fail((mismatched + unfinished) + " of " + storm.sent.size()
                    + " tasks did not observe their own request: " + String.join("; ", wrong))
                    .withValue(mismatched + unfinished, "tasks");
        }
        return Verdict.pass(String.format("%,d/%,d tasks observed their own request (%d keep-alive connections)",
                storm.sent.size(), storm.sent.size(), p.scale().copyConnections())).withValue(0, "tasks");
    }

    /**
     * COPY-2: every {@code /copy} response carries exactly one {@code X-Trace}, equal to its own request's, a body
     * {@code {"status":"ok","taskId"}} with a task id no other response got, and nothing of any other request (its
     * trace or user id in any header or the body), across the storm's keep-alive connections.
     *
     * <p>If it fails: response headers or buffers are reused across requests (a header set on a shared or pooled
     * response object, a body written to the wrong exchange); the figure shows the response that carried someone
     * else's data.
     */
    public Verdict required_COPY_2_responsesCarryOnlyTheirOwnData(Probe p) throws Exception {
        Storm storm = storm(p);
        if (storm.failedRequests() > 0) {
            return Verdict.fail(storm.failedRequests() + " of " + storm.sent.size() + " /copy requests failed, e.g. "
                    + storm.firstFailure);
        }
        List<String> wrong = new ArrayList<>();
        Map<String, Exchange> byTaskId = new HashMap<>();
        int bad = 0;
        for (Exchange e : storm.sent) {
            String problem = null;
            List<String> traces = e.response.headers("X-Trace");
            if (traces.size() != 1 || !traces.get(0).equals(e.trace)) {
                problem = "X-Trace " + traces + " for a request sent with X-Trace " + e.trace;
            } else if (e.taskId == null || !"ok".equals(e.status)) {
                problem = "body " + Evidence.body(e.response.bodyText()) + " is not {\"status\":\"ok\",\"taskId\"}";
            } else if (byTaskId.putIfAbsent(e.taskId, e) != null) {
                problem = "task id " + e.taskId + " answered to two requests (" + byTaskId.get(e.taskId).trace
                        + " and " + e.trace + ")";
            } else {
                String foreign = foreignToken(e, storm.tokenPrefix);
                if (foreign != null) {
                    problem = "response to " + e.trace + " carries " + foreign;
                }
            }
            if (problem != null) {
                bad++;
                if (wrong.size() < 3) {
                    wrong.add(problem);
                }
            }
        }
        if (bad > 0) {
            return Verdict.fail(bad + " of " + storm.sent.size() + " responses carried foreign or missing data: "
                    + String.join("; ", wrong)).withValue(bad, "responses");
        }
        return Verdict.pass(String.format("%,d responses, each with only its own X-Trace and task id (%d reconnects)",
                storm.sent.size(), storm.reconnects)).withValue(0, "responses");
    }

    /** Any token of the storm's requests in this response that is not this request's own. */
    private static String foreignToken(Exchange e, String prefix) {
        for (Map.Entry<String, String> h : e.response.headers()) {
            String hit = foreignIn(h.getValue(), e, prefix);
            if (hit != null) {
                return "header " + h.getKey() + ": " + hit;
            }
        }
        String hit = foreignIn(e.response.bodyText(), e, prefix);
        return hit == null ? null : "body text " + hit;
    }

    private static String foreignIn(String text, Exchange e, String prefix) {
        int i = text.indexOf(prefix);
        while (i >= 0) {
            int end = i + prefix.length();
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '-')) {
                end++;
            }
            String token = text.substring(i, end);
            if (!token.equals(e.trace) && !token.equals(e.userId)) {
                return token;
            }
            i = text.indexOf(prefix, end);
        }
        return null;
    }

    // ---- the storm ------------------------------------------------------------------------------------------

    private static final class Exchange {
        final String trace;
        final String userId;
        RawResponse response;
        String status;
        String taskId;
        String failure;
        JsonNode observed;
        TaskState state;
        boolean mismatch;

        Exchange(String trace, String userId) {
            this.trace = trace;
            this.userId = userId;
        }
    }

    private static final class Storm {
        final String tokenPrefix;
        final List<Exchange> sent = new ArrayList<>();
        int reconnects;
        String firstFailure;

        Storm(String tokenPrefix) {
            this.tokenPrefix = tokenPrefix;
        }

        long failedRequests() {
            return sent.stream().filter(e -> e.failure != null).count();
        }
    }

    private static Storm storm(Probe p) throws Exception {
        return p.memo("copy.storm", () -> runStorm(p));
    }

    private static Storm runStorm(Probe p) throws Exception {
        int connections = p.scale().copyConnections();
        int perConnection = p.scale().copyRequestsPerConnection();
        String prefix = "tck" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        Storm storm = new Storm(prefix + "-");
        ConcurrentLinkedQueue<Integer> reconnects = new ConcurrentLinkedQueue<>();
        List<Future<List<Exchange>>> lanes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                int lane = c;
                lanes.add(threads.submit(() -> lane(p, storm.tokenPrefix, lane, perConnection, reconnects)));
            }
            for (Future<List<Exchange>> lane : lanes) {
                storm.sent.addAll(lane.get());
            }
        }
        storm.reconnects = reconnects.size();
        storm.sent.stream().filter(e -> e.failure != null).findFirst().ifPresent(e -> storm.firstFailure = e.failure);
        return storm;
    }

    /** One keep-alive connection: send the run, then read back every task it spawned on the same connection. */
    private static List<Exchange> lane(Probe p, String prefix, int lane, int count,
                                       ConcurrentLinkedQueue<Integer> reconnects) throws IOException,
            InterruptedException {
        List<Exchange> exchanges = new ArrayList<>(count);
        RawConnection conn = p.raw();
        try {
            for (int i = 0; i < count; i++) {
                Exchange e = new Exchange(prefix + "t" + lane + "-" + i, prefix + "u" + lane + "-" + i);
                exchanges.add(e);
                RawResponse r;
                try {
                    conn.send(conn.get("/copy?user_id=" + e.userId, "X-Trace: " + e.trace));
                    r = conn.readResponse();
                } catch (IOException closed) {
                    // the server may close a keep-alive connection between requests; a second failure counts
                    conn.close();
                    conn = p.raw();
                    reconnects.add(lane);
                    try {
                        conn.send(conn.get("/copy?user_id=" + e.userId, "X-Trace: " + e.trace));
                        r = conn.readResponse();
                    } catch (IOException again) {
                        e.failure = "request " + e.trace + ": " + Evidence.failure(again);
                        continue;
                    }
                }
                e.response = r;
                if (r.status() != 200) {
                    e.failure = "/copy answered " + Answer.of(r) + ", expected 200 {\"status\":\"ok\",\"taskId\"}";
                    continue;
                }
                try {
                    JsonNode body = Probe.MAPPER.readTree(r.body());
                    e.status = body.path("status").asText(null);
                    e.taskId = body.path("taskId").isValueNode() ? body.path("taskId").asText() : null;
                } catch (IOException notJson) {
                    e.failure = "/copy answered " + Answer.of(r) + ", expected the JSON {\"status\":\"ok\",\"taskId\"}";
                }
                if (r.closesConnection()) {
                    conn.close();
                    conn = p.raw();
                    reconnects.add(lane);
                }
            }
            // Read back what each task observed, on the same connection: another request burst on the server.
            for (Exchange e : exchanges) {
                if (e.taskId == null) {
                    continue;
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos()
                        + p.config().copyObserveDelay().toNanos();
                while (true) {
                    conn.send(conn.get("/tasks/" + e.taskId));
                    RawResponse r = conn.readResponse();
                    if (r.closesConnection()) {
                        conn.close();
                        conn = p.raw();
                    }
                    if (r.status() == 200) {
                        TaskView view = Shapes.task("GET /tasks/" + e.taskId, Answer.of(r));
                        e.state = view.state();
                        e.observed = Probe.MAPPER.valueToTree(Optional.ofNullable(view.observed()).orElse(Map.of()));
                        if (view.state().isTerminal() || System.nanoTime() > deadline) {
                            break;
                        }
                    } else if (System.nanoTime() > deadline) {
                        e.failure = "GET /tasks/" + e.taskId + " answered " + r.status();
                        break;
                    }
                    Thread.sleep(Math.max(1, p.config().copyObserveDelay().toMillis() / 2));
                }
            }
        } finally {
            conn.close();
        }
        return exchanges;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
