package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The Hyperfoil driver ({@code load-tests/hyperfoil}, {@code offload-hyperfoil.jar}) as its own JVM on the injector's
 * CPUs, against one server. {@link #step} sends one constant-rate step and blocks until it ended; the server's CPU
 * counters are read the moment the driver reports the step started and again when it reports it ended, so CPU per
 * request covers exactly the step's responses.
 */
final class HyperfoilProcess implements StepRunner, AutoCloseable {
    /**
     * A large, fixed heap with the throughput collector: on its one CPU the injector's own GC pauses are latency it
     * reports as the server's. Measured here with G1 in 256-512 MB: young pauses up to 120 ms inside steps (each
     * window reserves its sessions up front, ~12 KB each); with ParallelGC in 1.5 GB: one 12 ms young pause in a
     * 20 s step. Hyperfoil's own {@code System.gc()} before each step compacts the reserved sessions out of the way.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms1536m", "-Xmx1536m", "-XX:+UseParallelGC",
            "--enable-native-access=ALL-UNNAMED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private volatile long serverPid;
    private volatile String baseUrl;
    private final long clockTicks;
    private final int injectorCpus;
    private final HostSteal steal;
    private int sequence;

    private HyperfoilProcess(Process process, long serverPid, long clockTicks, int injectorCpus, HostSteal steal,
                             Path log) throws IOException {
        this.process = process;
        this.serverPid = serverPid;
        this.baseUrl = null;
        this.clockTicks = clockTicks;
        this.injectorCpus = injectorCpus;
        this.steal = steal;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread.ofPlatform().daemon().name("hyperfoil-out").start(() -> pump(out));
    }

    /** Starts the driver under {@code launcher} (taskset or nothing) and waits for its ready line. */
    static HyperfoilProcess start(Path jar, List<String> launcher, int injectorCpus, HostSteal steal, String baseUrl,
                                  long serverPid, long clockTicks, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Jdk.tool("java"));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString(), baseUrl));
        Files.createDirectories(log.getParent());
        Path errors = log.resolveSibling(log.getFileName().toString().replace(".log", ".stderr.log"));
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        HyperfoilProcess driver = new HyperfoilProcess(process, serverPid, clockTicks, injectorCpus, steal, log);
        JsonNode ready = driver.events.poll(60, TimeUnit.SECONDS);
        if (ready == null || !"driver-ready".equals(ready.path("event").asText())) {
            driver.close();
            throw new IOException("the Hyperfoil driver did not start (see " + errors + ")");
        }
        return driver;
    }

    /** One step of {@code seconds} at {@code rate} req/s of {@code pattern}; never throws for a failed step. */
    @Override
    public Step step(String kind, Pattern pattern, int rate, double seconds, Sla sla)
            throws IOException, InterruptedException {
        return windows(kind, pattern, rate, seconds, 1, sla, k -> { }).getFirst();
    }

    /** Contiguous windows in one driver benchmark: no reconnect and no idle gap between them. */
    @Override
    public List<Step> windows(String kind, Pattern pattern, int rate, double seconds, int count, Sla sla,
                              IntConsumer atBoundary) throws IOException, InterruptedException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("name", kind + "-" + ++sequence);
        if (baseUrl != null) {
            command.put("host", baseUrl);
        }
        command.put("rate", rate);
        command.put("seconds", seconds);
        command.put("windows", count);
        command.put("method", pattern.method);
        command.put("path", pattern.path);
        command.put("connections", pattern.connections());
        if (pattern.body != null) {
            command.put("body", pattern.body);
            command.put("contentType", pattern.contentType);
        }
        commands.write(JSON.writeValueAsString(command) + "\n");
        commands.flush();
        long deadline = (long) (seconds * count * 1000) + 60_000;
        List<CostSnapshot> boundaries = new ArrayList<>();
        JsonNode result;
        while (true) {
            JsonNode event = events.poll(deadline, TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new IOException("the Hyperfoil driver did not finish " + count + " x " + seconds
                        + " s in time");
            }
            if ("step-start".equals(event.path("event").asText())) {
                boundaries.add(CostSnapshot.take(serverPid, process.pid(), steal));
                if (boundaries.size() > 1) {
                    atBoundary.accept(boundaries.size() - 1);
                }
            } else if ("window-end".equals(event.path("event").asText()) && boundaries.size() == count) {
                // the last window stopped sending: a bracket up to step-end would add the teardown's idle time
                boundaries.add(CostSnapshot.take(serverPid, process.pid(), steal));
                atBoundary.accept(count);
            } else if ("step-end".equals(event.path("event").asText())) {
                if (boundaries.size() <= count) {
                    boundaries.add(CostSnapshot.take(serverPid, process.pid(), steal));
                    atBoundary.accept(count);
                }
                result = event;
                break;
            }
        }
        List<Step> steps = new ArrayList<>();
        JsonNode windows = result.path("windows");
        for (int k = 0; k < count; k++) {
            // a window the driver never started (a failed benchmark) has no CPU bracket
            CostSnapshot start = k < boundaries.size() - 1 ? boundaries.get(k) : null;
            CostSnapshot end = k < boundaries.size() - 1 ? boundaries.get(k + 1) : null;
            steps.add(StepFigures.of(kind, rate, seconds, windows.path(k), result.path("failure"), start, end,
                    clockTicks, injectorCpus, steal, sla));
        }
        return steps;
    }

    /**
     * Points the next steps at another server: one driver JVM serves every server and repetition, so the injector's
     * own JIT warm-up is paid once, not per server.
     */
    void target(String baseUrl, long serverPid) {
        this.baseUrl = baseUrl;
        this.serverPid = serverPid;
    }

    private void pump(PrintWriter out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    out.println("[load] not an event line: " + e);
                }
            }
        } catch (IOException e) {
            out.println("[load] driver output closed: " + e);
        } finally {
            out.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close(); // end of input: the driver exits
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
