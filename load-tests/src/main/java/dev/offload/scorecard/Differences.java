package dev.offload.scorecard;

import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Finds the biggest differences between two servers in the measured data, for the verdict. Ranking: a behaviour one
 * server has and the other lacks (REQUIRED above RECOMMENDED) beats a load run that failed on one server only, which
 * beats a difference in errors, which beats a numeric ratio (ranked by the size of the ratio). A numeric difference
 * counts only when it is significant (both from at least three fresh-JVM repetitions, min–max ranges apart, see
 * {@link Figure#separatedFrom}) and large in absolute terms, so 0.3 ms against 0.6 ms is not a "2× difference".
 * Capacity at the SLA and cost at equal rates rank above the behaviour runs' figures.
 */
final class Differences {

    /** A difference and its weight; higher weight comes first. */
    record Difference(double weight, String text) {}

    /** Below these absolute gaps a ratio is noise at these rates on a shared 2-core machine. */
    static final double MIN_LATENCY_GAP_MS = 2;
    static final double MIN_CPU_GAP_MICROS = 5;
    static final double MIN_RSS_GAP_MB = 20;
    static final double MIN_RATIO = 1.2;

    private Differences() {}

    static List<Difference> top(ConformanceMatrix matrix, LoadResults load, String a, String b, int limit) {
        List<Difference> all = new ArrayList<>();
        if (matrix != null) {
            conformance(matrix, a, b, all);
        }
        if (load != null) {
            perf(load.perf(), a, b, all);
            load(load, a, b, all);
        }
        return all.stream().sorted(Comparator.comparingDouble(Difference::weight).reversed()).limit(limit).toList();
    }

    private static void conformance(ConformanceMatrix matrix, String a, String b, List<Difference> out) {
        // A server the TCK never ran against is one difference, not one per behaviour ID.
        for (String server : List.of(a, b)) {
            if (!matrix.servers().contains(server)) {
                out.add(new Difference(950, "Conformance: " + Report.display(server) + " has no column in "
                        + "matrix.json — the TCK did not run against it"));
            }
        }
        if (!matrix.servers().contains(a) || !matrix.servers().contains(b)) {
            return;
        }
        for (Behaviour behaviour : Behaviour.values()) {
            ConformanceMatrix.Cell ca = matrix.cell(behaviour, a);
            ConformanceMatrix.Cell cb = matrix.cell(behaviour, b);
            String label = behaviour.id() + " (" + behaviour.grade() + ", " + behaviour.title() + ")";
            if (!ca.outcome().equals(cb.outcome())) {
                // The server that passes is named first: that is the news.
                boolean aFirst = ca.passed() || !cb.passed();
                String first = aFirst ? a : b;
                String second = aFirst ? b : a;
                ConformanceMatrix.Cell c1 = aFirst ? ca : cb;
                ConformanceMatrix.Cell c2 = aFirst ? cb : ca;
                out.add(new Difference(behaviour.grade() == Grade.REQUIRED ? 1000 : 800,
                        label + ": " + Report.display(first) + " " + c1.outcome() + " — " + c1.figure() + "; "
                                + Report.display(second) + " " + c2.outcome() + " — " + c2.figure()));
            }
            // a TCK timing is one sample: never significant, so never a "difference" here
        }
    }

    private static void load(LoadResults load, String a, String b, List<Difference> out) {
        for (String scenario : load.scenarios()) {
            LoadRow ra = LoadRow.of(load, scenario, a);
            LoadRow rb = LoadRow.of(load, scenario, b);
            boolean aFailed = !ra.failed().isEmpty() || ra.failedEntirely();
            boolean bFailed = !rb.failed().isEmpty() || rb.failedEntirely();
            if (aFailed != bFailed) {
                LoadRow bad = aFailed ? ra : rb;
                LoadRow good = aFailed ? rb : ra;
                out.add(new Difference(900, scenario + " load run: " + Report.display(good.server())
                        + " completed every repetition; " + Report.display(bad.server()) + ": "
                        + bad.failureSummary()));
            }
            if (ra.failedEntirely() || rb.failedEntirely()) {
                continue;
            }
            double ea = errorShare(ra);
            double eb = errorShare(rb);
            if ((ea == 0) != (eb == 0)) {
                LoadRow bad = ea > 0 ? ra : rb;
                out.add(new Difference(700 + 100 * Math.max(ea, eb), scenario + " under load: "
                        + Report.display(bad.server()) + " had " + bad.errors() + " errors ("
                        + Figure.number(100 * Math.max(ea, eb)) + " % of requests); "
                        + Report.display((bad == ra ? rb : ra).server()) + " none"));
            }
            metric(out, scenario + " p99 latency", "ms", ra, rb, LoadRow::p99, MIN_LATENCY_GAP_MS);
            metric(out, scenario + " CPU per request", "µs", ra, rb, LoadRow::cpu, MIN_CPU_GAP_MICROS);
            metric(out, scenario + " peak RSS", "MB", ra, rb, LoadRow::rss, MIN_RSS_GAP_MB);
        }
    }

    /**
     * Capacity and equal-rate cost, significant ones only. Capacity is "higher is better", so the higher server is
     * named as the news; a GENERATOR_LIMITED figure is a lower bound, called only as the higher one
     * ({@link PerfData#capacityCall}).
     */
    private static void perf(PerfData perf, String a, String b, List<Difference> out) {
        for (String pattern : perf.patterns()) {
            perf.capacityCall(pattern, a, b).filter(c -> c.ratio() >= MIN_RATIO).ifPresent(c -> out.add(
                    new Difference(650 + Math.min(200, 100 * Math.log(c.ratio())), pattern
                            + " capacity at the SLA, one core: " + Report.display(c.higher()) + " "
                            + (c.lowerBound() ? "≥ " : "") + Figure.number(c.high().median()) + " req/s"
                            + (c.lowerBound() ? " (GENERATOR_LIMITED: a lower bound)" : "") + ", "
                            + Report.display(c.lower()) + " " + Figure.number(c.low().median()) + " req/s ("
                            + (c.lowerBound() ? "≥ " : "") + Figure.ratio(c.ratio())
                            + (perf.driftCorrected() ? " with the machine's drift divided out" : "") + ", ranges over "
                            + Math.min(c.high().reps(), c.low().reps()) + " reps apart)")));
            for (int rate : perf.equalRates(pattern)) {
                Figure ea = perf.equalRate(pattern, a, rate, e -> e.cpuMicrosPerRequest());
                Figure eb = perf.equalRate(pattern, b, rate, e -> e.cpuMicrosPerRequest());
                if (ea.separatedFrom(eb)) {
                    ratio(out, pattern + " CPU per request at " + Figure.number(rate) + " req/s (both servers)", "µs",
                            a, ea.median(), b, eb.median(), MIN_CPU_GAP_MICROS, 0);
                }
            }
        }
    }

    private static double errorShare(LoadRow row) {
        return row.count() == 0 ? (row.errors() > 0 ? 1 : 0) : (double) row.errors() / row.count();
    }

    private static void metric(List<Difference> out, String what, String unit, LoadRow ra, LoadRow rb,
                               Function<LoadRow, Figure> metric, double gapFloor) {
        Figure fa = metric.apply(ra);
        Figure fb = metric.apply(rb);
        if (fa.separatedFrom(fb)) {
            ratio(out, what, unit, ra.server(), fa.median(), rb.server(), fb.median(), gapFloor, 0);
        }
    }

    /** Adds "what: A x unit vs B y unit (B r× higher)" when the ratio and the gap are both large enough. */
    private static void ratio(List<Difference> out, String what, String unit, String a, double va, String b,
                              double vb, double gapFloor, double bonus) {
        double low = Math.min(va, vb);
        double high = Math.max(va, vb);
        if (high <= 0 || Math.abs(high - low) < gapFloor) {
            return;
        }
        double ratio = low <= 0 ? Double.POSITIVE_INFINITY : high / low;
        if (ratio < MIN_RATIO) {
            return;
        }
        String higher = va > vb ? a : b;
        String lower = va > vb ? b : a;
        String times = Double.isInfinite(ratio) ? "" : " (" + Figure.ratio(ratio) + ")";
        out.add(new Difference(bonus + Math.min(600, 100 * Math.log(ratio)), what + ": " + Report.display(lower) + " "
                + Figure.number(low) + " " + unit + ", " + Report.display(higher) + " " + Figure.number(high) + " "
                + unit + times));
    }
}
