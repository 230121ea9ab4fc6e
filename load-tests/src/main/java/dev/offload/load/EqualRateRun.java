package dev.offload.load;

import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.EqualRateStatus;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;
import java.util.List;

/**
 * One pattern at one fixed rate after a warm-up that is verified, not assumed: the profile's windows run back to back
 * (contiguous phases of one driver benchmark) and the first two consecutive ones that agree on CPU µs/request within
 * {@link #TOLERANCE} give the figure, their mean. A pattern that never
 * settles within the profile's windows is UNSTABLE (its last two windows are still shown), one that misses the SLA at
 * this rate is FAILED (the rate is above what this server holds).
 */
final class EqualRateRun {
    static final double TOLERANCE = 0.10;

    private EqualRateRun() {
    }

    static EqualRate measure(StepRunner driver, PerfProfile profile, Sla sla, Pattern pattern, String server,
                             int rep, int rate) throws IOException, InterruptedException {
        List<Step> windows = driver.windows("window", pattern, rate, profile.windowSeconds(), profile.maxWindows(),
                sla, k -> { });
        Step previous = null;
        for (int i = 0; i < windows.size(); i++) {
            Step w = windows.get(i);
            if (!w.slaMet()) {
                LoadRun.progress(String.format("  %-9s equal    %6d req/s: FAILED, %s", pattern, rate,
                        CapacitySearch.describe(w)));
                return result(pattern, server, rep, rate, EqualRateStatus.FAILED, previous, w,
                        "missed the SLA at " + rate + " req/s: " + CapacitySearch.describe(w), windows);
            }
            if (previous != null && agree(previous, w)) {
                EqualRate r = result(pattern, server, rep, rate, EqualRateStatus.OK, previous, w, null, windows);
                LoadRun.progress(String.format("  %-9s equal    %6d req/s: %s us/req, p99 %s ms (window %d)", pattern,
                        rate, r.cpuMicrosPerRequest(), r.p99Ms(), i + 1));
                return r;
            }
            previous = w;
        }
        LoadRun.progress(String.format("  %-9s equal    %6d req/s: UNSTABLE after %d windows", pattern, rate,
                windows.size()));
        return result(pattern, server, rep, rate, EqualRateStatus.UNSTABLE,
                windows.size() > 1 ? windows.get(windows.size() - 2) : null, windows.getLast(),
                "CPU per request never agreed within " + Math.round(TOLERANCE * 100) + " % over two consecutive "
                        + "windows", windows);
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
