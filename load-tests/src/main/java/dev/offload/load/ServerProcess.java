package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server as its own JVM process, started from its runnable jar with the flags every server gets, on an
 * ephemeral port that the {@code started} line reports. {@link #sigterm()} is a real SIGTERM; the {@code drained}
 * line it leads to is kept. Standard output goes to a log file (event lines are parsed on the way), standard error
 * to another.
 */
final class ServerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> drained = new CompletableFuture<>();
    private volatile String lastLine;

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
            server.port.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            server.kill();
            throw new IOException(name + " printed no started line within " + startTimeout.toSeconds()
                    + " s (exit " + (process.isAlive() ? "none" : process.exitValue()) + "; last line: "
                    + server.lastLine + "); see " + log, e);
        }
        return server;
    }

    private void pump(PrintWriter out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                lastLine = line;
                event(line);
            }
        } catch (IOException e) {
            out.println("[load] output closed: " + e);
        } finally {
            out.close();
            port.completeExceptionally(new IOException("output ended"));
            drained.complete(null);
        }
    }

    private void event(String line) {
        if (!line.startsWith("{\"event\"")) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(line);
            switch (event.path("event").asText()) {
                case "started" -> port.complete(event.path("port").asInt());
                case "drained" -> drained.complete(event);
                default -> {
                }
            }
        } catch (IOException e) {
            // not an event line after all; it is in the log
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port.join();
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
            return drained.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    /** True if the {@code drained} line was the last line the process printed, as the protocol requires. */
    boolean drainedLineWasLast() {
        return lastLine != null && lastLine.startsWith("{\"event\":\"drained\"");
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
