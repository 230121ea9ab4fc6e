package dev.offload.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast the server's CPU is right now: a fixed piece of work (hashing, allocating and copying, the kinds of work a
 * request does) timed in a JVM of its own pinned where the server runs, read between steps while the server idles.
 * On this 2-vCPU VM the same work costs up to 2.7x more from one minute to the next (a server's µs/request and the
 * injector's often moved together), so a capacity measured in a slow minute is not comparable with one from a fast
 * minute: the scorecard divides that drift out before it calls a difference ({@code Capacity.probeMicros}), and a soak
 * divides it out of its cost growth ({@code Soak.probeGrowth}).
 *
 * <p>{@link #main} is the probe process: after its own JIT warm-up it answers each line on stdin with the median time
 * of {@link #ROUNDS} rounds of the work, in µs.
 */
final class SpeedProbe implements AutoCloseable {
    static final int ROUNDS = 41;
    private static final int WARMUP_ROUNDS = 3000;

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;

    private SpeedProbe(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the probe under {@code launcher} (the server's taskset) and waits until its work is compiled. */
    static SpeedProbe start(List<String> launcher) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Jdk.tool("java"), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SpeedProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        SpeedProbe probe = new SpeedProbe(process);
        if (!"ready".equals(probe.answers.readLine())) {
            probe.close();
            throw new IOException("the speed probe did not start: " + command);
        }
        return probe;
    }

    /** One reading in µs per round; null when the probe is gone (a reading is evidence, never a reason to stop). */
    Double read() {
        try {
            commands.println("probe");
            String line = answers.readLine();
            return line == null ? null : Double.valueOf(line);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        Work work = new Work();
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            work.round();
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            long[] nanos = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                work.round();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.println(nanos[ROUNDS / 2] / 1000.0);
            System.out.flush();
        }
        if (work.sink == 42) {
            System.err.println(); // keeps the work observable, so it is not optimised away
        }
    }

    /** The fixed unit: 16 times, hash 16 KB, allocate 16 KB and copy into it; 0.24-0.43 ms here (2026-12-01). */
    static final class Work {
        private final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        private final byte[] input = new byte[16 * 1024];
        long sink;

        Work() throws NoSuchAlgorithmException {
            Arrays.fill(input, (byte) 7);
        }

        void round() {
            for (int i = 0; i < 16; i++) {
                sha.update(input);
                byte[] digest = sha.digest();
                byte[] copy = new byte[input.length];
                System.arraycopy(input, 0, copy, 0, copy.length);
                sink += digest[i] + copy[i * 31];
            }
        }
    }
}
