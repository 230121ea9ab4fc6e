package dev.offload.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about a process and the host: the cost figures are read from the server process
 * itself, never estimated by the injector. CPU times are in clock ticks ({@code getconf CLK_TCK}, 100 on Linux).
 */
final class ProcFs {
    private ProcFs() {
    }

    /** utime + stime of {@code pid} in clock ticks: every thread's CPU time, JIT and GC included; empty if gone. */
    static OptionalLong cpuTicks(long pid) {
        try {
            return OptionalLong.of(parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * CPU ticks of the JVM's JIT compiler threads (HotSpot names them {@code C1/C2 CompilerThreadN}, cut to 15
     * characters by Linux): while they burn CPU the measured code is still changing under the measurement. Empty if
     * the process is gone. Compiler threads come and go (HotSpot's dynamic compiler thread count), so a delta between
     * two readings can be negative when one exited: callers clamp it at zero.
     */
    static OptionalLong jitTicks(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    if (isJitThread(Files.readString(task.resolve("comm")).trim())) {
                        ticks += parseCpuTicks(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
            return OptionalLong.of(ticks);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static boolean isJitThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** Fields 14 and 15 of {@code /proc/<pid>/stat}, counted after the parenthesised command name. */
    static long parseCpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (field 15) fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A {@code kB} line of {@code /proc/<pid>/status} (e.g. VmHWM, the peak resident set) in bytes; empty if gone. */
    static OptionalLong statusBytes(long pid, String field) {
        try {
            return parseStatusBytes(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")), field);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseStatusBytes(List<String> lines, String field) {
        for (String line : lines) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    /** Host CPU ticks from the first line of {@code /proc/stat}: [busy, total]; busy excludes idle and iowait. */
    static long[] hostTicks() {
        try {
            return parseHostTicks(Files.readAllLines(Path.of("/proc/stat")).getFirst());
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static long[] parseHostTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total - idle, total};
    }

    /** Clock ticks per second, from {@code getconf CLK_TCK}; 100 (Linux's fixed USER_HZ) if that cannot run. */
    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
