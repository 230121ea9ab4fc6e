package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.kit.ProcessOutput;
import dev.offload.tck.wire.Text;

import java.io.BufferedReader;
import java.io.IOException;
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
    private final ProcessOutput output = new ProcessOutput();
    private final List<String> stdout = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutReader;
    private volatile int port = -1;
    private volatile long signalledAt;

    private LaunchedServer(Process process, String command) {
        this.process = process;
        this.command = command;
        this.stdoutReader = Thread.ofVirtual().start(() -> output.read(process.getInputStream(), line -> {
            synchronized (stdout) {
                stdout.add(line);
            }
        }));
        output.started().thenAccept(started -> port = started.port());
        Thread.ofVirtual().start(this::pumpStderr);
    }

    /**
     * Starts {@code command}; waits for the {@code started} event (which names the port) or, if the process does
     * not print one, for {@code expectedPort} to accept connections. A process that exits or never listens is a
     * {@link NotStarted} carrying the tail of its output.
     */
    public static LaunchedServer start(List<String> command, Map<String, String> environment, Integer expectedPort,
                                       Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NotStarted("could not run " + command.get(0) + ": " + Evidence.failure(e), "");
        }
        LaunchedServer server = new LaunchedServer(process, String.join(" ", command));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.port < 0 && expectedPort != null && accepts(expectedPort)) {
                server.port = expectedPort;
            }
            if (server.port >= 0) {
                return server;
            }
            if (!server.process.isAlive()) {
                server.awaitExit(Duration.ofSeconds(2));
                throw new NotStarted("the server process exited with status " + server.process.exitValue()
                        + " before it was listening", server.outputTail());
            }
            Thread.sleep(20);
        }
        server.close();
        throw new NotStarted("the server process was not listening within " + timeout.toSeconds() + " s"
                + (expectedPort == null ? " (it printed no started line)" : " (port " + expectedPort
                + " did not accept connections and no started line came)"), server.outputTail());
    }

    /** A server process that did not come up; {@link #outputTail()} is the end of what it printed. */
    public static final class NotStarted extends IOException {
        private final String outputTail;

        public NotStarted(String reason, String outputTail) {
            super(reason + (outputTail.isBlank() ? "" : "; its output ended with: " + outputTail));
            this.outputTail = outputTail;
        }

        public String outputTail() {
            return outputTail;
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void pumpStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                    if (stderr.length() > 16_384) {
                        stderr.delete(0, stderr.length() - 8_192);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    public int port() {
        return port;
    }

    /** Whether the process printed the protocol's {@code started} line (the port may also have been polled). */
    public boolean printedStarted() {
        return output.started().isDone() && !output.started().isCompletedExceptionally();
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
        return output.lastLine();
    }

    /** The {@code drained} event, if it is the last line printed. */
    public Optional<JsonNode> drainedAsLastLine() {
        return output.drainedAsLastLine();
    }

    public String stderrTail() {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            return s.length() <= 600 ? s : "…" + s.substring(s.length() - 600);
        }
    }

    /** The last lines of stdout and stderr together, for a verdict about a process that did not come up. */
    public String outputTail() {
        List<String> lines = stdout();
        String out = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
        String err = stderrTail();
        return Text.abbreviate((out.isEmpty() ? "" : "stdout: " + out) + (out.isEmpty() || err.isEmpty() ? "" : " | ")
                + (err.isEmpty() ? "" : "stderr: " + err), 800);
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
