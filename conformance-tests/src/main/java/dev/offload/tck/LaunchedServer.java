package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server running as a child process: its stdout is read line by line for the protocol's JSON events, its stderr
 * kept for diagnostics. {@link #sigterm()} sends a real SIGTERM ({@link ProcessHandle#destroy()} on POSIX).
 */
public final class LaunchedServer implements ServerStarter.Started {
    private final Process process;
    private final String command;
    private final List<String> stdout = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutReader;
    private volatile int port = -1;
    private volatile long signalledAt;

    private LaunchedServer(Process process, String command) {
        this.process = process;
        this.command = command;
        this.stdoutReader = Thread.ofVirtual().start(() -> pump(process.getInputStream(), true));
        Thread.ofVirtual().start(() -> pump(process.getErrorStream(), false));
    }

    /**
     * Starts {@code command}; waits for the {@code started} event (which names the port) or, if the process does
     * not print one, for {@code expectedPort} to accept connections.
     */
    public static LaunchedServer start(List<String> command, Map<String, String> environment, Integer expectedPort,
                                       Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        LaunchedServer server = new LaunchedServer(builder.start(), String.join(" ", command));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.port < 0 && expectedPort != null && accepts(expectedPort)) {
                server.port = expectedPort;
            }
            if (server.port >= 0) {
                return server;
            }
            if (!server.process.isAlive()) {
                throw new IOException("server process exited with " + server.process.exitValue()
                        + " before it was listening; stderr: " + server.stderrTail());
            }
            Thread.sleep(20);
        }
        server.close();
        throw new IOException("server process did not start listening within " + timeout.toMillis()
                + " ms; stderr: " + server.stderrTail());
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void pump(InputStream stream, boolean isStdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (isStdout) {
                    synchronized (stdout) {
                        stdout.add(line);
                    }
                    event(line).filter(e -> "started".equals(e.path("event").asText()))
                            .ifPresent(e -> port = e.path("port").asInt(-1));
                } else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                        if (stderr.length() > 16_384) {
                            stderr.delete(0, stderr.length() - 8_192);
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static Optional<JsonNode> event(String line) {
        String t = line.trim();
        if (!t.startsWith("{") || !t.contains("\"event\"")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Probe.MAPPER.readTree(t));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Process process() {
        return process;
    }

    /**
     * Sends SIGTERM and remembers when. Through the {@link ProcessHandle}: {@link Process#destroy()} sends the same
     * signal but also closes our ends of the process's pipes, so its last lines (the drained event) would be lost.
     */
    public void sigterm() {
        signalledAt = System.nanoTime();
        process.toHandle().destroy();
    }

    /** Nanos timestamp of {@link #sigterm()}. */
    public long signalledAt() {
        return signalledAt;
    }

    /** Waits for the process to exit by itself; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            stdoutReader.join(2_000); // everything it printed is read
        }
        return exited;
    }

    /** Every stdout line so far. */
    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** The last non-blank stdout line, if any. */
    public Optional<String> lastLine() {
        List<String> lines = stdout();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(lines.get(i).trim());
            }
        }
        return Optional.empty();
    }

    /** The {@code drained} event, if it is the last line printed. */
    public Optional<JsonNode> drainedAsLastLine() {
        return lastLine().flatMap(LaunchedServer::event).filter(e -> "drained".equals(e.path("event").asText()));
    }

    public String stderrTail() {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.length() <= 600 ? s : "…" + s.substring(s.length() - 600);
        }
    }

    public String command() {
        return command;
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
