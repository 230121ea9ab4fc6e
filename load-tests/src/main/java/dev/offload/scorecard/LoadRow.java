package dev.offload.scorecard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * One scenario on one server over its repetitions: every figure is the median over the repetitions that did not
 * fail, with its spread. Failed repetitions are kept by name so the report can say which failed and why.
 */
record LoadRow(String scenario, String server, List<LoadResults.Run> ok, List<LoadResults.Run> failed) {

    static LoadRow of(LoadResults results, String scenario, String server) {
        List<LoadResults.Run> runs = results.runs(scenario, server);
        return new LoadRow(scenario, server, runs.stream().filter(r -> !r.failed()).toList(),
                runs.stream().filter(LoadResults.Run::failed).toList());
    }

    /** True when no repetition of this scenario produced figures (absent or all failed). */
    boolean failedEntirely() {
        return ok.isEmpty();
    }

    int reps() {
        return ok.size() + failed.size();
    }

    String failureSummary() {
        if (failed.isEmpty()) {
            return ok.isEmpty() ? "no run recorded for this scenario and server" : null;
        }
        return failed.size() + " of " + reps() + " rep(s) FAILED: " + failed.getFirst().failure();
    }

    Figure figure(ToDoubleFunction<LoadResults.Run> metric) {
        return Figure.of(ok.stream().mapToDouble(metric).toArray());
    }

    /** A scenario's own figure (POOL's rejected share, DRAIN's completed jobs …), see {@link LoadResults#LOST}. */
    Figure extra(ToDoubleFunction<LoadResults.Run> figure) {
        return figure(figure);
    }

    Figure rate() {
        return figure(LoadResults.Run::rate);
    }

    Figure p50() {
        return figure(LoadResults.Run::p50);
    }

    Figure p95() {
        return figure(LoadResults.Run::p95);
    }

    Figure p99() {
        return figure(LoadResults.Run::p99);
    }

    Figure max() {
        return figure(LoadResults.Run::max);
    }

    Figure cpu() {
        return figure(LoadResults.Run::cpuMicrosPerRequest);
    }

    Figure rss() {
        return figure(LoadResults.Run::peakRssMb);
    }

    /**
     * True when any repetition ran near the injector's calibrated ceiling: the orchestrator's own flag when it wrote
     * one, else a target rate at or above {@code fraction} of {@code ceilingRps}.
     */
    boolean nearCeiling(Double ceilingRps, double fraction) {
        return java.util.stream.Stream.concat(ok.stream(), failed.stream()).anyMatch(r -> r.nearCeiling() != null
                ? r.nearCeiling() : ceilingRps != null && r.rate() >= fraction * ceilingRps);
    }

    /** Status counts summed over the repetitions. */
    Map<String, Long> statusMix() {
        Map<String, Long> mix = new TreeMap<>();
        ok.forEach(r -> r.statusMix().forEach((status, n) -> mix.merge(status, n, Long::sum)));
        return mix;
    }

    long count() {
        return ok.stream().mapToLong(LoadResults.Run::count).sum();
    }

    long errors() {
        return ok.stream().mapToLong(LoadResults.Run::errors).sum();
    }
}
