package dev.offload.load;

import java.util.OptionalLong;

/**
 * CPU counters at one instant of a run: the server's and the injector's process CPU time, the server's JIT compiler
 * threads' share of it and the host's busy time, all in clock ticks. Two snapshots bracket the measured window.
 */
record CostSnapshot(long epochMs, Long serverTicks, Long injectorTicks, long hostBusyTicks,
                    long hostTotalTicks, Long serverJitTicks) {

    static CostSnapshot take(long serverPid, long injectorPid) {
        long[] host = ProcFs.hostTicks();
        return new CostSnapshot(System.currentTimeMillis(), boxed(ProcFs.cpuTicks(serverPid)),
                injectorPid > 0 ? boxed(ProcFs.cpuTicks(injectorPid)) : null, host[0], host[1],
                boxed(ProcFs.jitTicks(serverPid)));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
