package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

/**
 * Turns one window of a driver {@code step-end} line and the two CPU snapshots around it into a {@link Step}: the
 * SLA verdict and whether the injector, rather than the server, was the limit.
 */
final class StepFigures {
    /** The injector counts as saturated from this share of its CPUs: it can no longer keep its schedule. */
    static final double INJECTOR_SATURATED = 0.9;
    /** A server below this share of its one pinned CPU still had room: requests it never got were not its fault. */
    static final double SERVER_HAD_ROOM = 0.85;
    /**
     * Schedule at a step's edges that its counts may miss (a phase's first and last tick): the achieved share is
     * judged against the offered requests less this many seconds' worth, so a 1 s step is not failed by its edges.
     */
    static final double EDGE_SECONDS = 0.05;

    private StepFigures() {
    }

    static Step of(String kind, int rate, double seconds, JsonNode r, JsonNode failureText, CostSnapshot start,
                   CostSnapshot end, long clockTicks, int injectorCpus, HostSteal steal, Sla sla) {
        String failure = failureText.isTextual() ? failureText.asText() : null;
        long sent = r.path("requests").asLong();
        long responses = r.path("responses").asLong();
        // Hyperfoil's errors() leaves out responses its status check marked invalid (non-2xx/3xx): both are errors
        long errors = r.path("errors").asLong() + r.path("invalid").asLong();
        Double p50 = millis(r.path("p50Us"));
        Double p99 = millis(r.path("p99Us"));
        Double max = millis(r.path("maxUs"));
        Double cpuPerRequest = null;
        Double serverCores = null;
        Double injectorCores = null;
        Double jitCores = null;
        Double stolen = null;
        if (start != null && end != null && start.serverTicks() != null && end.serverTicks() != null) {
            double serverSeconds = (end.serverTicks() - start.serverTicks()) / (double) clockTicks;
            // the bracket runs from the window's first send to its last (the driver's window-end event), so the
            // benchmark's teardown no longer dilutes a 1 s step's share; never shorter than the window itself
            double windowSeconds = Math.max(seconds, (end.epochMs() - start.epochMs()) / 1000.0);
            serverCores = round(serverSeconds / windowSeconds, 3);
            cpuPerRequest = responses > 0 ? round(serverSeconds * 1e6 / responses, 1) : null;
            if (start.serverJitTicks() != null && end.serverJitTicks() != null) {
                jitCores = round(Math.max(0, end.serverJitTicks() - start.serverJitTicks())
                        / (double) clockTicks / windowSeconds, 3);
            }
            if (start.injectorTicks() != null && end.injectorTicks() != null) {
                double injectorSeconds = (end.injectorTicks() - start.injectorTicks()) / (double) clockTicks;
                injectorCores = round(injectorSeconds / windowSeconds, 3);
            }
            if (steal != null && start.steal() != null && end.steal() != null) {
                stolen = round(steal.stolenShare(start.steal(), end.steal()), 3);
            }
        }
        double offered = rate * Math.max(seconds / 2, seconds - EDGE_SECONDS);
        boolean slaMet = failure == null && errors <= sla.maxErrors() && p99 != null && p99 <= sla.maxP99Ms()
                && responses >= sla.minAchievedShare() * offered;
        boolean injectorSaturated = injectorCores != null && injectorCores >= INJECTOR_SATURATED * injectorCpus;
        // requests left unsent while the server had room are the injector's doing, unless they were held back by the
        // session limit: that is a backlog of requests the server had not answered, its latency, not the injector's
        boolean unsentWithRoom = sent < sla.minAchievedShare() * offered && serverCores != null
                && serverCores < SERVER_HAD_ROOM && !isSessionLimit(failure);
        return new Step(kind, rate, seconds, sent, responses, errors, round(responses / seconds, 1), p50, p99, max,
                cpuPerRequest, serverCores, injectorCores, jitCores, slaMet,
                !slaMet && (injectorSaturated || unsentWithRoom), failure, stolen);
    }

    /** The driver's failure text when more requests waited for an answer than a tenth of a second's worth. */
    static boolean isSessionLimit(String failure) {
        return failure != null && failure.startsWith(SESSION_LIMIT);
    }

    /** How the driver ({@code dev.offload.load.hyperfoil.Driver}) starts that failure text. */
    static final String SESSION_LIMIT = "session limit exceeded";

    private static Double millis(JsonNode micros) {
        return micros.isNumber() ? round(micros.asDouble() / 1000.0, 2) : null;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
