package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.simulations.OffloadSimulation;
import dev.offload.load.simulations.TimeoutSimulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A behaviour run's figures: Gatling's per-request statistics, the sidecar's status mix, each scenario's facts. */
final class BehaviourFigures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BehaviourFigures() {
    }

    /** Gatling's per-request figures plus the sidecar's status mix and scenario facts. */
    static void figures(Profile profile, Scenario scenario, int rate, GatlingStats stats, JsonNode side,
                        Map<String, Object> run, List<String> failures) {
        Map<String, Object> requests = new LinkedHashMap<>();
        for (String name : stats.names()) {
            if (!name.startsWith(OffloadSimulation.WARM_UP)) {
                requests.put(name, stats.request(name).toMap());
            }
        }
        GatlingStats.RequestStats headline = stats.request(scenario.requests.getFirst());
        run.put("request", scenario.requests.getFirst());
        if (headline == null) {
            failures.add("no measured request named '" + scenario.requests.getFirst() + "' in stats.json");
            return;
        }
        long ok = 0;
        long ko = 0;
        long count = 0;
        for (String name : scenario.requests) {
            GatlingStats.RequestStats s = stats.request(name);
            if (s != null) {
                ok += s.ok();
                ko += s.ko();
                count += s.count();
            }
        }
        run.put("count", count);
        run.put("ok", ok);
        run.put("ko", ko);
        run.put("errors", ko);
        run.put("achievedRps", StepFigures.round(ok / (double) profile.measureSeconds(), 1));
        run.put("latencyMs", headline.latencyMs());
        run.put("requests", requests);
        run.put("statusMix", JSON.convertValue(side.path("statusMix"), Map.class));
        run.put("byStatusMs", JSON.convertValue(side.path("byStatusMs"), Map.class));
        JsonNode facts = side.path("facts");
        switch (scenario) {
            case POOL -> {
                Map<String, Object> pool = new LinkedHashMap<>();
                long accepted = side.path("statusMix").path("202").asLong();
                long rejected = side.path("statusMix").path("503").asLong();
                pool.put("capacityPerSecond", Scenario.Pool.CAPACITY);
                pool.put("overload", StepFigures.round(rate / (double) Scenario.Pool.CAPACITY, 1));
                pool.put("accepted", accepted);
                pool.put("rejected", rejected);
                pool.put("rejectedShare", accepted + rejected == 0 ? null
                        : StepFigures.round(rejected / (double) (accepted + rejected), 4));
                pool.put("rejectedP99Ms", side.path("byStatusMs").path("503").path("p99").isNumber()
                        ? side.path("byStatusMs").path("503").path("p99").asLong() : null);
                pool.put("acceptedP99Ms", side.path("byStatusMs").path("202").path("p99").isNumber()
                        ? side.path("byStatusMs").path("202").path("p99").asLong() : null);
                pool.put("acceptedAllPhases", facts.path("accepted").asLong());
                pool.put("verifiedSucceeded", facts.path("verifiedSucceeded").asLong());
                pool.put("lost", facts.path("lost").asLong());
                run.put("pool", pool);
                if (rejected == 0) {
                    failures.add("no 503 at " + rate + " req/s, " + pool.get("overload") + "x the pool's capacity: "
                            + "is the queue bounded?");
                }
                if (facts.path("lost").asLong() > 0) {
                    failures.add(facts.path("lost").asLong() + " accepted jobs did not end SUCCEEDED");
                }
                if (facts.path("verifiedSucceeded").asLong() != facts.path("accepted").asLong()) {
                    failures.add("accepted " + facts.path("accepted").asLong() + " jobs but verified "
                            + facts.path("verifiedSucceeded").asLong() + " SUCCEEDED");
                }
            }
            case TIMEOUT -> {
                Map<String, Object> timeout = new LinkedHashMap<>();
                timeout.put("deadlineMs", Scenario.SLOW_DEADLINE_MS);
                Map<String, Object> overshoot = new LinkedHashMap<>();
                for (String p : List.of("p50", "p95", "p99", "max")) {
                    Long v = headline.latencyMs().get(p);
                    overshoot.put(p, v == null ? null : v - Scenario.SLOW_DEADLINE_MS);
                }
                timeout.put("overshootMs", overshoot);
                GatlingStats.RequestStats inTime = stats.request(TimeoutSimulation.IN_TIME);
                timeout.put("inTimeLatencyMs", inTime == null ? null : inTime.latencyMs());
                run.put("timeout", timeout);
            }
            case FAN -> {
                Map<String, Object> fan = new LinkedHashMap<>();
                int slower = Math.max(Scenario.USER_DELAY_MS, Scenario.ORDERS_DELAY_MS);
                fan.put("slowerChildMs", slower);
                Long p99 = headline.latencyMs().get("p99");
                Long p50 = headline.latencyMs().get("p50");
                fan.put("p50MinusSlowerChildMs", p50 == null ? null : p50 - slower);
                fan.put("p99MinusSlowerChildMs", p99 == null ? null : p99 - slower);
                run.put("fan", fan);
            }
            default -> {
            }
        }
    }

    /**
     * DRAIN's accounting: the server's {@code drained} line must list no abandoned job, and its {@code completed}
     * count (every tracked background task that ended by itself; in this fresh process, jobs only) must equal the
     * number of jobs answered 202. It may exceed it only by requests whose answer never arrived (accepted by the
     * server, answer lost in the shutdown), never fall short.
     */
    static void drainCheck(JsonNode side, JsonNode drained, ServerProcess process, Map<String, Object> run,
                           List<String> failures) {
        Map<String, Object> drain = new LinkedHashMap<>();
        List<String> acceptedIds = new ArrayList<>();
        side.path("facts").path("acceptedJobIds").forEach(n -> acceptedIds.add(n.asText()));
        long unknown = side.path("facts").path("afterSigterm").path("none").asLong();
        drain.put("accepted", acceptedIds.size());
        drain.put("unansweredAfterSigterm", unknown);
        drain.put("afterSigtermStatusMix", JSON.convertValue(side.path("facts").path("afterSigterm"), Map.class));
        drain.put("exitCode", process.exitCode());
        if (drained == null) {
            drain.put("completed", null);
            drain.put("abandoned", null);
            drain.put("accountedFor", false);
            failures.add("no drained line after SIGTERM");
            run.put("drain", drain);
            return;
        }
        long completed = drained.path("completed").asLong();
        List<String> abandoned = new ArrayList<>();
        drained.path("abandoned").forEach(n -> abandoned.add(n.asText()));
        List<String> acceptedButAbandoned = abandoned.stream().filter(acceptedIds::contains).toList();
        boolean accounted = abandoned.isEmpty() && completed >= acceptedIds.size()
                && completed <= acceptedIds.size() + unknown;
        drain.put("completed", completed);
        drain.put("abandoned", abandoned);
        drain.put("abandonedCount", abandoned.size());
        drain.put("acceptedButAbandoned", acceptedButAbandoned);
        drain.put("accountedFor", accounted);
        drain.put("drainedLineWasLast", process.drainedLineWasLast());
        run.put("drain", drain);
        if (!abandoned.isEmpty()) {
            failures.add(abandoned.size() + " jobs abandoned at drain (" + acceptedButAbandoned.size()
                    + " of them answered 202)");
        }
        if (completed < acceptedIds.size()) {
            failures.add("drained line counts " + completed + " completed but " + acceptedIds.size()
                    + " jobs were answered 202");
        } else if (completed > acceptedIds.size() + unknown) {
            failures.add("drained line counts " + completed + " completed, more than the " + acceptedIds.size()
                    + " accepted plus " + unknown + " unanswered requests");
        }
        if (!process.drainedLineWasLast()) {
            failures.add("the drained line was not the last line the server printed");
        }
    }
}
