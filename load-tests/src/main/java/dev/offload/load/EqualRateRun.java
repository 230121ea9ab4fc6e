package dev.offload.load;

import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.EqualRateStatus;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One pattern at one fixed rate after a warm-up that is verified, not assumed: the profile's windows run back to back
 * (contiguous phases of one driver benchmark) and the first two consecutive ones that agree on CPU µs/request within
 * {@link #TOLERANCE} give the figure, their mean. A pattern that never
 * settles within the profile's windows is UNSTABLE (its last two windows are still shown), one that misses the SLA at
 * this rate is FAILED (the rate is above what this server holds). A window that missed while the hypervisor took a
 * CPU away ({@link Step#disturbedByHost}) or on a spike with the server's core to spare counts for neither; when
 * disturbed windows stood in the way of a verdict, the rate's windows run once more after the host is quiet.
 */
final class EqualRateRun {
    static final double TOLERANCE = 0.10;

    private EqualRateRun() {
    }

    static EqualRate measure(StepRunner driver, HostSteal.Quiet quiet, PerfProfile profile, Sla sla, Pattern pattern,
                             String server, int rep, int rate) throws IOException, InterruptedException {
        List<Step> windows = driver.windows("window", pattern, rate, profile.windowSeconds(), profile.maxWindows(),
                sla, k -> { });
        EqualRate r = judge(pattern, server, rep, rate, windows, windows);
        long disturbed = windows.stream().filter(Step::disturbedByHost).count();
        if (r.status() != EqualRateStatus.OK && disturbed > 0) {
            double waited = quiet.await();
            LoadRun.progress(String.format("  %-9s equal    %6d req/s: host took a CPU in %d of %d windows, re-run "
                    + "after %.0f s", pattern, rate, disturbed, windows.size(), waited));
            List<Step> again = driver.windows("window-retry", pattern, rate, profile.windowSeconds(),
                    profile.maxWindows(), sla, k -> { });
            List<Step> all = new ArrayList<>(windows);
            all.addAll(again);
            r = judge(pattern, server, rep, rate, again, all);
        }
        return r;
    }

    /**
     * The verdict on {@code judged}, every window of the rate kept in the record ({@code recorded}). A window that
     * missed the SLA while the host took a CPU away, or on a spike the capacity search would re-run
     * ({@link CapacitySearch#isSpike}) unless the window before was one too, neither fails the rate nor pairs with a
     * neighbour; one the host disturbed that met it counts like any other, since steal is not in the server's CPU
     * time.
     */
    private static EqualRate judge(Pattern pattern, String server, int rep, int rate, List<Step> judged,
                                   List<Step> recorded) {
        Step previous = null;
        boolean spikeBefore = false;
        for (int i = 0; i < judged.size(); i++) {
            Step w = judged.get(i);
            boolean hostMiss = !w.slaMet() && Step.disturbedByHost(w);
            // a moment's miss (a JIT compilation, a GC pause with the core half idle) is one window; two in a row
            // are a rate the server does not hold (measured: Jetty FAN at 6,000 req/s, p99 62 and 64 ms)
            boolean spike = !w.slaMet() && !hostMiss && CapacitySearch.isSpike(w) && !spikeBefore;
            if (hostMiss || spike) {
                // nor is a backlog's cost the rate's
                previous = null;
                spikeBefore = spike;
                continue;
            }
            spikeBefore = false;
            if (!w.slaMet()) {
                LoadRun.progress(String.format("  %-9s equal    %6d req/s: FAILED, %s", pattern, rate,
                        CapacitySearch.describe(w)));
                return result(pattern, server, rep, rate, EqualRateStatus.FAILED, previous, w,
                        "missed the SLA at " + rate + " req/s: " + CapacitySearch.describe(w), recorded);
            }
            if (previous != null && agree(previous, w)) {
                EqualRate r = result(pattern, server, rep, rate, EqualRateStatus.OK, previous, w, null, recorded);
                LoadRun.progress(String.format("  %-9s equal    %6d req/s: %s us/req, p99 %s ms (window %d)", pattern,
                        rate, r.cpuMicrosPerRequest(), r.p99Ms(), i + 1));
                return r;
            }
            previous = w;
        }
        LoadRun.progress(String.format("  %-9s equal    %6d req/s: UNSTABLE after %d windows", pattern, rate,
                judged.size()));
        return result(pattern, server, rep, rate, EqualRateStatus.UNSTABLE,
                judged.size() > 1 ? judged.get(judged.size() - 2) : null, judged.getLast(),
                "CPU per request never agreed within " + Math.round(TOLERANCE * 100) + " % over two consecutive "
                        + "windows", recorded);
    }

    /** Two windows agree when their CPU per request differ by at most the tolerance of the larger one. */
    static boolean agree(Step a, Step b) {
        if (a.cpuMicrosPerRequest() == null || b.cpuMicrosPerRequest() == null) {
            return false;
        }
        double x = a.cpuMicrosPerRequest();
        double y = b.cpuMicrosPerRequest();
        return Math.abs(x - y) <= TOLERANCE * Math.max(x, y);
    }

    private static EqualRate result(Pattern pattern, String server, int rep, int rate, EqualRateStatus status,
                                    Step a, Step b, String failure, List<Step> windows) {
        return new EqualRate(pattern.name(), server, rep, rate, status, mean(a, b, Step::cpuMicrosPerRequest),
                mean(a, b, Step::p50Ms), mean(a, b, Step::p99Ms), TOLERANCE, failure, List.copyOf(windows));
    }

    private static Double mean(Step a, Step b, java.util.function.Function<Step, Double> figure) {
        Double y = b == null ? null : figure.apply(b);
        Double x = a == null ? y : figure.apply(a);
        return x == null || y == null ? y : StepFigures.round((x + y) / 2, 2);
    }
}
