package dev.offload.load;

import dev.offload.load.results.PerfRecords.Pinning;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Which CPUs the server and the injector get in the Hyperfoil phases: the server exactly one (the last), the injector
 * the others, through {@code taskset -c} from process start, so each JVM also sizes its thread pools and GC for the
 * CPUs it really has. Without taskset or with one CPU, nothing is pinned and the results say so.
 */
final class CpuPinning {
    private final Pinning pinning;

    private CpuPinning(Pinning pinning) {
        this.pinning = pinning;
    }

    static CpuPinning detect() {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            return new CpuPinning(new Pinning(false, null, null, cpus, "one CPU: server and injector share it"));
        }
        if (!tasksetWorks()) {
            return new CpuPinning(new Pinning(false, null, null, cpus, "taskset not available: nothing pinned"));
        }
        String server = Integer.toString(cpus - 1);
        String injector = cpus == 2 ? "0" : "0-" + (cpus - 2);
        return new CpuPinning(new Pinning(true, server, injector, cpus,
                "server on CPU " + server + ", injector on CPU " + injector + " (taskset -c, from process start)"));
    }

    Pinning record() {
        return pinning;
    }

    List<String> serverLauncher() {
        return pinning.pinned() ? List.of("taskset", "-c", pinning.serverCpus()) : List.of();
    }

    List<String> injectorLauncher() {
        return pinning.pinned() ? List.of("taskset", "-c", pinning.injectorCpus()) : List.of();
    }

    /** The hypervisor's steal on each side's CPUs; with nothing pinned both sides read every CPU. */
    HostSteal steal(long clockTicks) {
        if (!pinning.pinned()) {
            return new HostSteal(List.of(), List.of(), clockTicks);
        }
        int cpus = pinning.hostCpus();
        return new HostSteal(List.of(cpus - 1), IntStream.range(0, cpus - 1).boxed().toList(), clockTicks);
    }

    /** CPUs the injector may use: its share of the host when pinned, all of it otherwise. */
    int injectorCpus() {
        return pinning.pinned() ? pinning.hostCpus() - 1 : pinning.hostCpus();
    }

    private static boolean tasksetWorks() {
        try {
            Process p = new ProcessBuilder("taskset", "-c", "0", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
