package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.kit.ProcessOutput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server as its own JVM process, started from its runnable jar with the flags every server gets, on an
 * ephemeral port that the {@code started} line reports. {@link #sigterm()} is a real SIGTERM; the {@code drained}
 * line it leads to is kept. Standard output goes to a log file (event lines are parsed on the way), standard error
 * to another.
 */
final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final ProcessOutput output = new ProcessOutput();

    private ServerProcess(String name, Process process, Path log) throws IOException {
        this.name = name;
        this.process = process;
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread pump = Thread.ofPlatform().daemon().name("server-out-" + name).start(() -> pump(out));
        pump.setUncaughtExceptionHandler((t, e) -> out.println("[load] output pump failed: " + e));
    }

    /** Starts {@code java <jvmFlags> -jar <jar> <serverArgs>} and waits for its {@code started} line. */
    static ServerProcess start(String name, Path jar, List<String> jvmFlags, List<String> serverArgs, Path log,
                               Duration startTimeout) throws IOException, InterruptedException {
        return start(name, List.of(), jar, jvmFlags, serverArgs, log, startTimeout);
    }

    /** The same under {@code launcher}, e.g. {@code taskset -c 1}: CPU pinning from the first instruction. */
    static ServerProcess start(String name, List<String> launcher, Path jar, List<String> jvmFlags,
                               List<String> serverArgs, Path log, Duration startTimeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Jdk.tool("java"));
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(serverArgs);
        Files.createDirectories(log.getParent());
        // stderr apart: the protocol's "drained is the last line" is about stdout, and servers log to stderr
        Path errors = log.resolveSibling(log.getFileName().toString().replace(".log", ".stderr.log"));
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        ServerProcess server = new ServerProcess(name, process, log);
        try {
            server.output.started().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            server.kill();
            throw new IOException(name + " printed no started line within " + startTimeout.toSeconds()
                    + " s (exit " + (process.isAlive() ? "none" : process.exitValue()) + "; last line: "
                    + server.output.lastLine().orElse(null) + "); see " + log, e);
        }
        return server;
    }

    private void pump(PrintWriter out) {
        try {
            output.read(process.getInputStream(), out::println);
        } finally {
            out.close();
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return output.started().join().port();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * A real SIGTERM. Through the process handle, not {@link Process#destroy()}: that sends the same signal but also
     * closes our end of the pipes, and the {@code drained} line would be lost.
     */
    void sigterm() {
        process.toHandle().destroy();
    }

    /**
     * Waits up to {@code timeout} for the process to exit after a SIGTERM; returns the {@code drained} line (null if
     * it printed none). Throws if it had to be killed.
     */
    JsonNode awaitDrained(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IOException(name + " did not exit within " + timeout.toSeconds() + " s of SIGTERM; killed");
        }
        try {
            // the pump completes it when the output ends, which follows the exit closely
            return output.drained().get(5, TimeUnit.SECONDS).orElse(null);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    /** True if the {@code drained} line was the last line the process printed, as the protocol requires. */
    boolean drainedLineWasLast() {
        return output.drainedAsLastLine().isPresent();
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    private void kill() {
        process.destroyForcibly();
    }

    /** Never leaves a server behind, whatever happened to the run. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.toHandle().destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
    }
}
