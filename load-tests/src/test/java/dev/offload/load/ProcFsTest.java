package dev.offload.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /proc parsing that every CPU and memory figure rests on; if these fail, every cost figure is wrong. */
class ProcFsTest {

    /** utime and stime are fields 14 and 15, counted after the command name, which may hold spaces and ')'. */
    @Test
    void cpuTicksAreUtimePlusStimeEvenWithAnAwkwardCommandName() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 29384 0 12 0 1500 230 0 0 20 0 41 0 "
                + "1234 5000000 30000 18446744073709551615";
        assertEquals(1730, ProcFs.parseCpuTicks(stat));
    }

    @Test
    void statusLinesAreReadInKibibytesAndReturnedInBytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 3000000 kB", "VmHWM:\t  204800 kB",
                "VmRSS:\t  150000 kB");
        assertEquals(204800L * 1024, ProcFs.parseStatusBytes(status, "VmHWM").getAsLong());
        assertTrue(ProcFs.parseStatusBytes(status, "VmSwap").isEmpty());
    }

    /** Busy is everything but idle and iowait, out of user..steal. */
    @Test
    void hostBusyExcludesIdleAndIowait() {
        assertArrayEquals(new long[] {100 + 5 + 50 + 3 + 2 + 1, 100 + 5 + 50 + 800 + 40 + 3 + 2 + 1},
                ProcFs.parseHostTicks("cpu  100 5 50 800 40 3 2 1 0 0"));
    }

    /** The live process can read its own counters, so the real files have the shape the parsers expect. */
    @Test
    void ownProcessCountersAreReadable() {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcFs.cpuTicks(pid).isPresent());
        assertTrue(ProcFs.statusBytes(pid, "VmHWM").getAsLong() > 0);
        assertTrue(ProcFs.hostTicks()[1] > 0);
        assertTrue(ProcFs.jitTicks(pid).isPresent(), "this JVM's compiler threads are listed");
    }

    /** HotSpot's compiler thread names as Linux shows them (15 characters); nothing else counts as JIT. */
    @Test
    void jitThreadsAreTheC1AndC2CompilerThreads() {
        assertTrue(ProcFs.isJitThread("C2 CompilerThre"));
        assertTrue(ProcFs.isJitThread("C1 CompilerThre"));
        assertFalse(ProcFs.isJitThread("GC Thread#0"));
        assertFalse(ProcFs.isJitThread("VM Thread"));
    }
}
