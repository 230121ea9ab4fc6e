package dev.offload.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.BehaviourRecords.DrainFigures;
import dev.offload.load.results.BehaviourRecords.FanFigures;
import dev.offload.load.results.BehaviourRecords.Latency;
import dev.offload.load.results.BehaviourRecords.Overshoot;
import dev.offload.load.results.BehaviourRecords.PoolFigures;
import dev.offload.load.results.BehaviourRecords.RequestFigures;
import dev.offload.load.results.BehaviourRecords.StatusLatency;
import dev.offload.load.results.BehaviourRecords.TimeoutFigures;
import dev.offload.load.simulations.OffloadSimulation;
import dev.offload.load.simulations.TimeoutSimulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A behaviour run's figures: Gatling's per-request statistics, the sidecar's status mix, each scenario's facts. */
final class BehaviourFigures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> STATUS_MIX = new TypeReference<>() { };
    private static final TypeReference<Map<String, StatusLatency>> BY_STATUS = new TypeReference<>() { };

    private BehaviourFigures() {
    }

    /** Gatling's per-request figures plus the sidecar's status mix and scenario facts. */
    static void figures(Profile profile, Scenario scenario, int rate, GatlingStats stats, JsonNode side,
                        RunBuilder run) {
        List<String> failures = run.failures;
        Map<String, RequestFigures> requests = new LinkedHashMap<>();
        for (String name : stats.names()) {
            if (!name.startsWith(OffloadSimulation.WARM_UP)) {
                requests.put(name, stats.request(name).figures());
            }
        }
        GatlingStats.RequestStats headline = stats.request(scenario.requests.getFirst());
        run.request = scenario.requests.getFirst();
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
        run.count = count;
        run.ok = ok;
        run.ko = ko;
        run.achievedRps = StepFigures.round(ok / (double) profile.measureSeconds(), 1);
        run.latencyMs = headline.latencyMs();
        run.requests = requests;
        run.statusMix = JSON.convertValue(side.path("statusMix"), STATUS_MIX);
        run.byStatusMs = JSON.convertValue(side.path("byStatusMs"), BY_STATUS);
        JsonNode facts = side.path("facts");
        switch (scenario) {
            case POOL -> {
                long accepted = side.path("statusMix").path("202").asLong();
                long rejected = side.path("statusMix").path("503").asLong();
                double overload = StepFigures.round(rate / (double) Scenario.Pool.CAPACITY, 1);
                run.pool = new PoolFigures(Scenario.Pool.CAPACITY, overload, accepted, rejected,
                        accepted + rejected == 0 ? null
                                : StepFigures.round(rejected / (double) (accepted + rejected), 4),
                        p99(side, "503"), p99(side, "202"), facts.path("accepted").asLong(),
                        facts.path("verifiedSucceeded").asLong(), facts.path("lost").asLong());
                if (rejected == 0) {
                    failures.add("no 503 at " + rate + " req/s, " + overload + "x the pool's capacity: "
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
                Latency l = headline.latencyMs();
                long deadline = Scenario.SLOW_DEADLINE_MS;
                GatlingStats.RequestStats inTime = stats.request(TimeoutSimulation.IN_TIME);
                run.timeout = new TimeoutFigures(deadline, new Overshoot(minus(l.p50(), deadline),
                        minus(l.p95(), deadline), minus(l.p99(), deadline), minus(l.max(), deadline)),
                        inTime == null ? null : inTime.latencyMs());
            }
            case FAN -> {
                int slower = Math.max(Scenario.USER_DELAY_MS, Scenario.ORDERS_DELAY_MS);
                run.fan = new FanFigures(slower, minus(headline.latencyMs().p50(), slower),
                        minus(headline.latencyMs().p99(), slower));
            }
            default -> {
            }
        }
    }

    private static Double minus(Double value, long floor) {
        return value == null ? null : value - floor;
    }

    /** The simulation's own p99 for one status, or null when none came back with it. */
    private static Long p99(JsonNode side, String status) {
        JsonNode p99 = side.path("byStatusMs").path(status).path("p99");
        return p99.isNumber() ? p99.asLong() : null;
    }

    /**
     * DRAIN's accounting: the server's {@code drained} line must list no abandoned job, and its {@code completed}
     * count (every tracked background task that ended by itself; in this fresh process, jobs only) must equal the
     * number of jobs answered 202. It may exceed it only by requests whose answer never arrived (accepted by the
     * server, answer lost in the shutdown), never fall short.
     */
    static void drainCheck(JsonNode side, JsonNode drained, ServerProcess process, RunBuilder run) {
        List<String> failures = run.failures;
        List<String> acceptedIds = new ArrayList<>();
        side.path("facts").path("acceptedJobIds").forEach(n -> acceptedIds.add(n.asText()));
        long unknown = side.path("facts").path("afterSigterm").path("none").asLong();
        Map<String, Long> afterSigterm = JSON.convertValue(side.path("facts").path("afterSigterm"), STATUS_MIX);
        if (drained == null) {
            run.drain = new DrainFigures(acceptedIds.size(), unknown, afterSigterm, process.exitCode(), null, null,
                    null, null, false, null);
            failures.add("no drained line after SIGTERM");
            return;
        }
        long completed = drained.path("completed").asLong();
        List<String> abandoned = new ArrayList<>();
        drained.path("abandoned").forEach(n -> abandoned.add(n.asText()));
        List<String> acceptedButAbandoned = abandoned.stream().filter(acceptedIds::contains).toList();
        boolean accounted = abandoned.isEmpty() && completed >= acceptedIds.size()
                && completed <= acceptedIds.size() + unknown;
        run.drain = new DrainFigures(acceptedIds.size(), unknown, afterSigterm, process.exitCode(), completed,
                List.copyOf(abandoned), abandoned.size(), acceptedButAbandoned, accounted,
                process.drainedLineWasLast());
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
