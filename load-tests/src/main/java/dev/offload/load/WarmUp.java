package dev.offload.load;

import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;

/**
 * A warm-up that is verified, not assumed: one pattern at one rate, window after window, until two consecutive
 * windows agree on CPU µs/request within {@link EqualRateRun#TOLERANCE}, the second met the SLA, the server had
 * room in it (below {@link StepFigures#SERVER_HAD_ROOM} of its core: a JVM whose JIT fills the core gives two equal,
 * saturated windows, which is not a settled cost) and its JIT compiler threads were quiet (at most
 * {@link #JIT_QUIET_CORES}: two windows can agree while C2 is still compiling the pattern's code, and the cost then
 * kept falling through a soak, x0.44 for BG); a second window that missed the SLA while the host took a CPU away
 * ({@link Step#disturbedByHost}) is excused the SLA, not the rest. On one core a
 * fresh JVM's JIT competes with the requests for 10-20 s (measured here: a cold server answered 2.7-5.7k of 16k
 * PLAINTEXT req/s offered, at 0.99 cores), so a fixed warm-up either wastes the time or leaves the code cold.
 */
final class WarmUp {
    /** JIT compiler threads' share of the server's core in a settled window. */
    static final double JIT_QUIET_CORES = 0.05;

    /** How the warm-up ended: the windows it took and whether the cost settled within the allowed ones. */
    record Result(int windows, boolean settled, Step last) {
        String describe() {
            return (settled ? "settled after " : "NOT settled after ") + windows + " windows, last: "
                    + CapacitySearch.describe(last);
        }
    }

    private WarmUp() {
    }

    static Result untilSettled(StepRunner driver, String kind, Pattern pattern, int rate, double seconds,
                               int maxWindows, Sla sla) throws IOException, InterruptedException {
        Step previous = null;
        Step w = null;
        for (int i = 1; i <= Math.max(1, maxWindows); i++) {
            w = driver.step(kind, pattern, rate, seconds, sla);
            boolean hadRoom = w.serverCores() != null && w.serverCores() < StepFigures.SERVER_HAD_ROOM;
            boolean jitQuiet = w.serverJitCores() == null || w.serverJitCores() <= JIT_QUIET_CORES;
            // a window the host disturbed may miss the SLA through no fault of the server; its CPU time still counts,
            // since steal is not charged to the process
            boolean slaMet = w.slaMet() || Step.disturbedByHost(w);
            if (previous != null && slaMet && hadRoom && jitQuiet && EqualRateRun.agree(previous, w)) {
                return new Result(i, true, w);
            }
            previous = w;
        }
        return new Result(Math.max(1, maxWindows), false, w);
    }
}
