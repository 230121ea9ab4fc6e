package dev.offload.load;

import java.util.OptionalLong;

/**
 * CPU counters at one instant of a run: the server's and the injector's process CPU time, the server's JIT compiler
 * threads' share of it and the host's busy time, all in clock ticks, and the hypervisor's steal on each side's CPUs
 * (null where not read). Two snapshots bracket the measured window.
 */
record CostSnapshot(long epochMs, Long serverTicks, Long injectorTicks, long hostBusyTicks,
                    long hostTotalTicks, Long serverJitTicks, HostSteal.Reading steal) {

    static CostSnapshot take(long serverPid, long injectorPid) {
        return take(serverPid, injectorPid, null);
    }

    static CostSnapshot take(long serverPid, long injectorPid, HostSteal steal) {
        long[] host = ProcFs.hostTicks();
        return new CostSnapshot(System.currentTimeMillis(), boxed(ProcFs.cpuTicks(serverPid)),
                injectorPid > 0 ? boxed(ProcFs.cpuTicks(injectorPid)) : null, host[0], host[1],
                boxed(ProcFs.jitTicks(serverPid)), steal == null ? null : steal.read());
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
