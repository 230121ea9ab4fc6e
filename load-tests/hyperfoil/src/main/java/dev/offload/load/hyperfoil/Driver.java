package dev.offload.load.hyperfoil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfoil.api.config.Benchmark;
import io.hyperfoil.api.config.BenchmarkData;
import io.hyperfoil.api.config.Phase;
import io.hyperfoil.api.session.PhaseInstance;
import io.hyperfoil.api.statistics.StatisticsSnapshot;
import io.hyperfoil.core.impl.LocalSimulationRunner;
import io.hyperfoil.core.parser.BenchmarkParser;
import io.hyperfoil.http.statistics.HttpStats;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The injector of the capacity, equal-rate and soak phases: a dumb executor of open-model constant-rate steps, so the
 * orchestrator (in {@code load-tests}, another JVM) owns the search. It reads one step per line on stdin, as JSON
 * ({@code rate}, {@code seconds}, {@code method}, {@code path}, optional {@code body}, {@code contentType},
 * {@code connections}, {@code windows}), runs it as one Hyperfoil benchmark of {@code windows} back-to-back
 * {@code constantRate} phases, prints {@code {"event":"step-start","window":k}} the moment window k starts sending,
 * prints {@code {"event":"window-end"}} the moment the last window stops sending (its responses may still arrive; the
 * benchmark's teardown follows), then one {@code step-end} line with what each window sent and received. Latencies come from Hyperfoil's
 * HdrHistogram in microseconds; constant-rate phases schedule every request at its intended time, so a slow server
 * shows as latency and as requests the injector could not send, never as a silently lower rate.
 *
 * <p>Standard output carries only event lines (Hyperfoil logs through log4j to stderr). Ends at end of input.
 */
public final class Driver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream EVENTS = System.out;
    private static final int MIN_SESSIONS = 1_000;

    private Driver() {
    }

    public static void main(String[] args) throws Exception {
        System.setOut(System.err); // whatever else prints must not corrupt the event stream
        // the default target; a step may name its own ("host"), so one hot driver JVM can serve server after server
        String host = args.length > 0 ? args[0] : null;
        emit(Map.of("event", "driver-ready"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode step = JSON.readTree(line);
            Map<String, Object> result;
            try {
                result = run(step.hasNonNull("host") ? step.get("host").asText() : host, step);
            } catch (Exception e) {
                result = new LinkedHashMap<>();
                result.put("event", "step-end");
                result.put("name", step.path("name").asText());
                result.put("failure", e.toString());
            }
            emit(result);
        }
    }

    static Map<String, Object> run(String host, JsonNode step) throws Exception {
        String name = step.path("name").asText("step");
        int windows = Math.max(1, step.path("windows").asInt(1));
        Benchmark benchmark = BenchmarkParser.instance().buildBenchmark(
                new ByteArrayInputStream(yaml(host, step).getBytes(StandardCharsets.UTF_8)), BenchmarkData.EMPTY,
                Map.of());
        Map<String, StatisticsSnapshot> byPhase = new ConcurrentHashMap<>();
        Set<String> started = ConcurrentHashMap.newKeySet();
        boolean[] sessionsRanOut = {false};
        LocalSimulationRunner runner = new LocalSimulationRunner(benchmark,
                (phase, stepId, metric, snapshot, countDown) -> {
                    StatisticsSnapshot total = byPhase.computeIfAbsent(phase.name(), k -> new StatisticsSnapshot());
                    synchronized (total) {
                        total.add(snapshot);
                    }
                }, (phase, min, max) -> { }, (authority, tag, min, max) -> { }) {
            @Override
            protected CompletableFuture<Void> phaseChanged(Phase phase, PhaseInstance.Status status,
                                                           boolean sessionLimitExceeded, Throwable error) {
                sessionsRanOut[0] |= sessionLimitExceeded;
                if (status == PhaseInstance.Status.RUNNING && started.add(phase.name())) {
                    // window k's end is window k+1's start: the orchestrator reads the server's CPU here
                    emit(Map.of("event", "step-start", "name", name, "window", started.size()));
                }
                if (status == PhaseInstance.Status.FINISHED && phase.name().equals("w" + windows)
                        && started.add(phase.name() + "-finished")) {
                    // the last window stopped sending: its CPU bracket ends here, not after the teardown
                    emit(Map.of("event", "window-end", "name", name, "window", windows));
                }
                return super.phaseChanged(phase, status, sessionLimitExceeded, error);
            }
        };
        String failure = null;
        try {
            runner.run();
        } catch (RuntimeException e) {
            failure = e.getCause() != null ? e.getCause().toString() : e.toString();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("event", "step-end");
        r.put("name", name);
        r.put("failure", failure != null ? failure : sessionsRanOut[0]
                ? "session limit exceeded: more than " + maxSessions(step) + " requests waited at once" : null);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (int w = 1; w <= windows; w++) {
            figures.add(figures(byPhase.getOrDefault("w" + w, new StatisticsSnapshot())));
        }
        r.put("windows", figures);
        return r;
    }

    private static Map<String, Object> figures(StatisticsSnapshot total) {
        Map<String, Object> r = new LinkedHashMap<>();
        synchronized (total) {
            r.put("requests", total.requestCount);
            r.put("responses", total.responseCount);
            r.put("errors", total.errors());
            r.put("invalid", total.invalid);
            r.put("connectionErrors", total.connectionErrors);
            r.put("requestTimeouts", total.requestTimeouts);
            r.put("blockedMs", total.blockedTime / 1_000_000);
            HttpStats http = HttpStats.get(total);
            r.put("status2xx", http.status_2xx);
            r.put("statusOther", http.status_3xx + http.status_4xx + http.status_5xx + http.status_other);
            boolean any = total.histogram.getTotalCount() > 0;
            r.put("p50Us", any ? total.histogram.getValueAtPercentile(50) / 1000 : null);
            r.put("p99Us", any ? total.histogram.getValueAtPercentile(99) / 1000 : null);
            r.put("maxUs", any ? total.histogram.getMaxValue() / 1000 : null);
        }
        return r;
    }

    /**
     * One constant-rate phase per window, each starting when the previous one stops sending, so windows are
     * contiguous. {@link #maxSessions} allows a tenth of a second of backlog (twice the SLA's p99; a server that
     * falls further behind has missed the SLA anyway), and at least 1,000 so that a short stall at a low rate shows
     * as latency rather than as a session-limit failure. Every session costs the injector about 12 KB of heap,
     * reserved per window before it starts: the live set, and with it the injector's GC pauses, grows with it.
     * Response codes other than 2xx/3xx count as invalid (Hyperfoil's default range check), which the orchestrator
     * treats as errors.
     */
    static String yaml(String host, JsonNode step) {
        int rate = step.path("rate").asInt();
        long millis = Math.round(step.path("seconds").asDouble() * 1000);
        int connections = step.path("connections").asInt(32);
        int windows = Math.max(1, step.path("windows").asInt(1));
        StringBuilder y = new StringBuilder();
        y.append("name: offload-step\n");
        y.append("http:\n  host: ").append(host).append("\n  sharedConnections: ").append(connections).append('\n');
        y.append("phases:\n");
        for (int w = 1; w <= windows; w++) {
            y.append("- w").append(w).append(":\n    constantRate:\n");
            if (w > 1) {
                y.append("      startAfter: w").append(w - 1).append('\n');
            }
            y.append("      usersPerSec: ").append(rate).append('\n');
            y.append("      maxSessions: ").append(maxSessions(step)).append('\n');
            y.append("      duration: ").append(millis).append("ms\n");
            y.append("      scenario:\n      - request:\n        - httpRequest:\n");
            y.append("            ").append(step.path("method").asText("GET")).append(": ")
                    .append(quoted(step.path("path").asText())).append('\n');
            y.append("            timeout: 10s\n");
            if (step.hasNonNull("body")) {
                y.append("            headers:\n              content-type: ")
                        .append(quoted(step.path("contentType").asText())).append('\n');
                y.append("            body: ").append(quoted(step.path("body").asText())).append('\n');
            }
        }
        return y.toString();
    }

    static int maxSessions(JsonNode step) {
        return Math.max(Math.max(MIN_SESSIONS, 2 * step.path("connections").asInt(32)),
                step.path("rate").asInt() / 10);
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static synchronized void emit(Map<String, ?> event) {
        try {
            EVENTS.println(JSON.writeValueAsString(event));
            EVENTS.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
