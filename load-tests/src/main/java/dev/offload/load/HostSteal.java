package dev.offload.load;

import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The time the hypervisor gave this VM's CPUs to someone else while they had work ("steal" in {@code /proc/stat}),
 * on the server's CPUs and on the injector's. Neither process sees it in its own CPU time, yet every request waits
 * through it: measured here, bursts of 10-40 % of a CPU lasting tens of seconds, during which a server at half its
 * core missed p99 ≤ 50 ms at 0.49 cores (p99 308 ms) and met it at the same rate once the burst ended. A step the
 * host disturbed says nothing about the server, so the searches re-run such a step once the host is quiet.
 */
final class HostSteal {
    /** How long {@link #awaitQuiet} waits at most before the caller goes on regardless. */
    static final double MAX_WAIT_SECONDS = 20;
    /** Consecutive quiet seconds that count as a quiet host: one quiet second inside a burst was not enough. */
    static final int QUIET_SPAN_SECONDS = 2;

    /** What a search calls before it re-runs a step the host disturbed; {@link #NONE} where there is no host. */
    @FunctionalInterface
    interface Quiet {
        Quiet NONE = () -> 0;

        /** Returns once the host is quiet (or it gave up waiting): the seconds it waited. */
        double await() throws InterruptedException;
    }

    /** Steal per CPU of each side, in clock ticks, at one instant. */
    record Reading(long epochMs, double serverTicksPerCpu, double injectorTicksPerCpu) {}

    private final List<Integer> serverCpus;
    private final List<Integer> injectorCpus;
    private final long clockTicks;

    /** Empty CPU lists mean every CPU (nothing pinned: both sides read the host's mean). */
    HostSteal(List<Integer> serverCpus, List<Integer> injectorCpus, long clockTicks) {
        this.serverCpus = List.copyOf(serverCpus);
        this.injectorCpus = List.copyOf(injectorCpus);
        this.clockTicks = clockTicks;
    }

    Reading read() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            return new Reading(System.currentTimeMillis(), perCpu(lines, serverCpus), perCpu(lines, injectorCpus));
        } catch (IOException | RuntimeException e) {
            return new Reading(System.currentTimeMillis(), 0, 0);
        }
    }

    /** The larger side's stolen share of a CPU between two readings (0 when they coincide). */
    double stolenShare(Reading from, Reading to) {
        double seconds = (to.epochMs() - from.epochMs()) / 1000.0;
        if (seconds <= 0) {
            return 0;
        }
        double ticks = Math.max(to.serverTicksPerCpu() - from.serverTicksPerCpu(),
                to.injectorTicksPerCpu() - from.injectorTicksPerCpu());
        return Math.max(0, ticks / clockTicks / seconds);
    }

    /**
     * Waits until {@link #QUIET_SPAN_SECONDS} consecutive seconds in each of which neither side lost
     * {@link Step#HOST_DISTURBED} of a CPU, polling {@code /proc/stat} once a second, for at most
     * {@link #MAX_WAIT_SECONDS}; returns the seconds it waited.
     */
    double awaitQuiet() throws InterruptedException {
        long start = System.currentTimeMillis();
        Reading previous = read();
        int quietSeconds = 0;
        while (quietSeconds < QUIET_SPAN_SECONDS && System.currentTimeMillis() - start < MAX_WAIT_SECONDS * 1000) {
            Thread.sleep(1000); // the span being measured, not a guess at how long the host stays busy
            Reading now = read();
            quietSeconds = stolenShare(previous, now) < Step.HOST_DISTURBED ? quietSeconds + 1 : 0;
            previous = now;
        }
        return (System.currentTimeMillis() - start) / 1000.0;
    }

    /** Mean steal ticks of {@code cpus} (all CPUs when empty) from {@code /proc/stat}'s per-CPU lines. */
    static double perCpu(List<String> procStat, List<Integer> cpus) {
        long sum = 0;
        int count = 0;
        for (String line : procStat) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            int cpu = Integer.parseInt(f[0].substring(3));
            if ((cpus.isEmpty() || cpus.contains(cpu)) && f.length > 8) {
                sum += Long.parseLong(f[8]); // user nice system idle iowait irq softirq steal
                count++;
            }
        }
        return count == 0 ? 0 : (double) sum / count;
    }
}
