package dev.offload.load;

import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.SoakStatus;
import dev.offload.load.results.PerfRecords.SoakWindow;
import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cost growth: one pattern at one constant high rate on a fresh server, window after window (contiguous phases of one
 * driver benchmark, the server's GC log read at each boundary). A cost that grows with
 * the work done (an O(n) structure, a leak) shows as CPU per request or latency rising and heap after GC climbing;
 * the pass bar is the last windows within {@link #BAR} of the first (after a warm-up that is not counted, less the
 * JIT and corrected for the machine's drift, see {@link #judge}) and heap
 * after GC growing by at most {@link #HEAP_SLACK_BYTES}. A cost that fell past the bar fails it too, as a warm-up too
 * short to judge growth (FAILED, not GROWS); windows that missed the SLA are noted but are not the bar.
 */
final class SoakRun {
    static final double BAR = 0.20;
    /** Heap after GC may drift by this much (young-GC timing, caches filling) without counting as growth. */
    static final long HEAP_SLACK_BYTES = 48L << 20;

    private SoakRun() {
    }

    static Soak measure(StepRunner driver, GcLog gcLog, Supplier<Double> machineSpeed, PerfProfile profile, Sla sla,
                        Pattern pattern, String server, int rate) throws IOException, InterruptedException {
        // a fresh JVM: verified warm-up at the soak's own rate, so the first counted window is not still warming
        // twice the JVM warm-up's windows: at 60 % of capacity a fresh JVM's JIT takes longer than at the JVM
        // warm-up's low rate (measured: BG's CPU per request still fell x0.44 over the windows after 8 s)
        WarmUp.Result warm = WarmUp.untilSettled(driver, "warmup", pattern, rate, warmupSeconds(profile),
                2 * profile.jvmWarmupWindows(), sla);
        LoadRun.progress("  soak warm-up: " + warm.describe());
        gcLog.heapAfterLastGc(); // forget the warm-up's collections
        Double speedBefore = probe(machineSpeed);
        Long[] heap = new Long[profile.soakWindows() + 1];
        IOException[] unreadable = {null};
        List<Step> steps = driver.windows("soak", pattern, rate, profile.soakWindowSeconds(), profile.soakWindows(),
                sla, k -> {
                    try {
                        heap[k] = gcLog.heapAfterLastGc();
                    } catch (IOException e) {
                        unreadable[0] = e;
                    }
                });
        Double speedAfter = probe(machineSpeed);
        if (unreadable[0] != null) {
            throw unreadable[0];
        }
        List<SoakWindow> windows = new ArrayList<>();
        for (int i = 1; i <= steps.size(); i++) {
            windows.add(new SoakWindow(i, steps.get(i - 1), heap[i]));
        }
        Double probeGrowth = speedBefore == null || speedAfter == null ? null
                : StepFigures.round(speedAfter / speedBefore, 3);
        return judge(pattern.name(), server, rate, windows, probeGrowth);
    }

    /** The median of {@link #PROBE_READINGS} readings taken while the server idles; null without a probe. */
    private static Double probe(Supplier<Double> machineSpeed) {
        List<Double> readings = new ArrayList<>();
        for (int i = 0; i < PROBE_READINGS; i++) {
            Double r = machineSpeed.get();
            if (r != null) {
                readings.add(r);
            }
        }
        return readings.isEmpty() ? null : readings.stream().sorted().toList().get(readings.size() / 2);
    }

    /** Probe readings at each end of the soak: consecutive single readings differ by up to about 10 % here. */
    static final int PROBE_READINGS = 5;

    /**
     * FLAT or GROWS from the windows alone, so the verdict can be tested without a server. "First" and "last" are the
     * medians of the first and last {@link #EDGE_WINDOWS} windows: one window with a young-GC pause more or less
     * (every 1-2 s here, 20-40 ms each on one core) is not growth. The CPU bar judges the application's cost: the
     * server's CPU per request less its JIT compiler threads' (measured: a Helidon BG soak's last two windows had C2
     * at 0.15 and 0.29 cores, x1.31 raw, x1.1 without it), divided by the machine's own drift over the soak: the
     * probe's (a fixed piece of work timed on the server's CPU before and after the windows) when there is one, else
     * the injector's change of CPU per request, which does the same work in every window. The probe replaced the
     * injector as the reference: both CPUs do slow down and speed up together (Jetty COPY x1.27, the injector x1.20,
     * both stepping at window 5), but the injector's cost on one core moved alone too, x0.81 and x1.31 in soaks whose
     * server cost moved x1.21 and x0.82, and divided by it those read as GROWS and as a warm-up too short. Growth
     * is never called where the host took a CPU away ({@link Step#HOST_DISTURBED}) in most of the first or last
     * windows: that soak is FAILED (not judged), while one that stayed within the bar through it is FLAT.
     */
    static Soak judge(String pattern, String server, int rate, List<SoakWindow> windows, Double probeGrowth) {
        Double cpuGrowth = growth(windows, w -> w.step().cpuMicrosPerRequest());
        Double appGrowth = growth(windows, SoakRun::applicationMicrosPerRequest);
        Double injectorGrowth = growth(windows, w -> perRequest(w.step().injectorCores(), w.step()));
        Double drift = probeGrowth != null ? probeGrowth : injectorGrowth;
        Double judged = appGrowth == null ? null
                : drift == null ? appGrowth : StepFigures.round(appGrowth / drift, 3);
        Double throughputGrowth = growth(windows, w -> w.step().achievedRps());
        Double p99First = edge(windows, true, w -> w.step().p99Ms());
        Double p99Last = edge(windows, false, w -> w.step().p99Ms());
        Double p99Growth = p99Last == null || p99First == null ? null : StepFigures.round(p99Last - p99First, 2);
        Long firstHeap = windows.stream().map(SoakWindow::heapAfterGcBytes).filter(h -> h != null).findFirst()
                .orElse(null);
        Long lastHeap = windows.reversed().stream().map(SoakWindow::heapAfterGcBytes).filter(h -> h != null)
                .findFirst().orElse(null);
        Long heapGrowth = firstHeap == null || lastHeap == null ? null : lastHeap - firstHeap;
        List<String> problems = new ArrayList<>();
        if (judged == null) {
            problems.add("no CPU figure in the first or last windows");
        }
        if (judged != null && judged > 1 + BAR) {
            problems.add(String.format(Locale.ROOT, "CPU per request x%.2f from the first windows to the last, "
                    + "beyond the machine's drift and the JIT (x%.2f as measured, the %s x%s)", judged,
                    cpuGrowth, probeGrowth != null ? "speed probe" : "injector",
                    drift == null ? "n/a" : String.format(Locale.ROOT, "%.2f", drift)));
        }
        // a cost that fell is a warm-up that was too short, not growth: outside the bar all the same
        boolean unsettled = judged != null && judged < 1 - BAR;
        if (throughputGrowth != null && throughputGrowth < 1 - BAR) {
            problems.add(String.format(Locale.ROOT, "throughput x%.2f from the first windows to the last",
                    throughputGrowth));
        }
        if (heapGrowth != null && heapGrowth > HEAP_SLACK_BYTES) {
            problems.add("heap after GC grew by " + (heapGrowth >> 20) + " MiB");
        }
        // growth read where the host took a CPU away in most of the first or last windows is the host's, not the
        // server's (a run with 40-60 % steal had Helidon BG throughput x0.68 and Jetty POOL CPU x1.38): not judged
        double stolenAtEdges = Math.max(stolenAtEdge(windows, true), stolenAtEdge(windows, false));
        boolean hostAtEdges = stolenAtEdges >= Step.HOST_DISTURBED;
        if (hostAtEdges && !problems.isEmpty()) {
            problems.add(String.format(Locale.ROOT, "the host took %.0f %% of a CPU in the first or last windows "
                    + "(steal): growth not judged", 100 * stolenAtEdges));
        }
        boolean grows = !problems.isEmpty() && judged != null && !hostAtEdges;
        if (unsettled) {
            problems.add(String.format(Locale.ROOT, "CPU per request x%.2f: it fell, so the soak's warm-up was too "
                    + "short to judge growth", judged));
        }
        long missed = windows.stream().filter(w -> !w.step().slaMet()).count();
        String note = missed == 0 ? null : missed + " of " + windows.size() + " windows missed the SLA (latency "
                + "spikes; the bar is about cost, so this alone does not fail the soak)";
        SoakStatus status = problems.isEmpty() ? SoakStatus.FLAT : grows ? SoakStatus.GROWS : SoakStatus.FAILED;
        if (note != null) {
            problems.add(note);
        }
        return new Soak(pattern, server, rate, status, BAR, cpuGrowth, injectorGrowth, probeGrowth, judged, p99Growth,
                throughputGrowth, heapGrowth, problems.isEmpty() ? null : String.join("; ", problems),
                List.copyOf(windows));
    }

    /** The median stolen share of a CPU over the first (or last) windows: most of them disturbed from 0.05. */
    static double stolenAtEdge(List<SoakWindow> windows, boolean first) {
        Double stolen = edge(windows, first, w -> w.step().hostStolen());
        return stolen == null ? 0 : stolen;
    }

    /** Windows at each end whose median stands for "first" and "last". */
    static final int EDGE_WINDOWS = 3;

    private static Double growth(List<SoakWindow> windows, Function<SoakWindow, Double> figure) {
        Double first = edge(windows, true, figure);
        Double last = edge(windows, false, figure);
        return last == null || first == null || first == 0 ? null : StepFigures.round(last / first, 3);
    }

    /** The median of the figure over the first (or last) {@link #EDGE_WINDOWS} windows that have it. */
    static Double edge(List<SoakWindow> windows, boolean first, Function<SoakWindow, Double> figure) {
        int n = Math.min(EDGE_WINDOWS, Math.max(1, windows.size() / 3));
        List<SoakWindow> end = first ? windows.subList(0, Math.min(n, windows.size()))
                : windows.subList(Math.max(0, windows.size() - n), windows.size());
        List<Double> values = end.stream().map(figure).filter(v -> v != null).sorted().toList();
        return values.isEmpty() ? null : values.get(values.size() / 2);
    }

    /** The server's CPU µs per request in one window less its JIT compiler threads' share. */
    private static Double applicationMicrosPerRequest(SoakWindow w) {
        Double cpu = w.step().cpuMicrosPerRequest();
        Double jit = perRequest(w.step().serverJitCores(), w.step());
        return cpu == null ? null : jit == null ? cpu : Math.max(0, cpu - jit);
    }

    /** A share of a core over one window, as CPU µs per response. */
    private static Double perRequest(Double cores, Step s) {
        return cores == null || s.achievedRps() <= 0 ? null : cores * 1e6 / s.achievedRps();
    }

    /** One window of the soak's warm-up: at least the JVM warm-up's, and no shorter than a counted window. */
    static double warmupSeconds(PerfProfile profile) {
        return Math.max(profile.jvmWarmupSeconds(), profile.soakWindowSeconds());
    }
}
