package dev.offload.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.simulations.Markers;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One Gatling run as its own JVM (the injector): {@code io.gatling.app.Gatling -s <simulation> -rf <folder>} on this
 * module's class path, with the load settings as {@code -Dload.*} properties. Its marker lines
 * ({@link Markers}) are handed to {@code onMark} the moment they are printed, so the orchestrator reads the server's
 * CPU counters at the edges of the measured window, not after the fact.
 */
final class GatlingProcess {
    /**
     * The injector's flags in every run: heap and GC as Gatling recommends, and the one module opening Gatling 3.13
     * needs on JDK 17+ (its stats writer reads String internals; gatling-maven-plugin passes the same flag).
     */
    static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx1g", "-XX:+UseG1GC",
            "--add-opens=java.base/java.lang=ALL-UNNAMED");

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatlingProcess() {
    }

    /** What a finished run left: Gatling's exit code (0, or 2 when an assertion failed) and its report folder. */
    record Outcome(int exitCode, Path reportDir, boolean timedOut) {
    }

    static Outcome run(String simulationClass, Map<String, String> properties, Path resultsFolder, String description,
                       Path log, Duration timeout, Consumer<Long> onStart, Consumer<String> onMark)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Jdk.tool("java"));
        command.addAll(JVM_FLAGS);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-classpath");
        command.add(System.getProperty("java.class.path"));
        command.add("io.gatling.app.Gatling");
        command.addAll(List.of("-s", simulationClass, "-rf", resultsFolder.toAbsolutePath().toString(),
                "-rd", description, "-l", "offload-load-tests"));
        Files.createDirectories(resultsFolder);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        onStart.accept(process.pid());
        Thread pump = Thread.ofPlatform().daemon().name("gatling-out").start(() -> pump(process, log, onMark));
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(10_000);
        return new Outcome(finished ? process.exitValue() : -1, reportDir(resultsFolder), !finished);
    }

    private static void pump(Process process, Path log, Consumer<String> onMark) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                if (line.startsWith(Markers.PREFIX)) {
                    try {
                        JsonNode mark = JSON.readTree(line.substring(Markers.PREFIX.length()));
                        onMark.accept(mark.path("mark").asText());
                    } catch (RuntimeException | IOException e) {
                        out.println("[load] marker not handled: " + e);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit code tells the rest
        }
    }

    /** Gatling writes each run into a new {@code <simulation>-<timestamp>} folder; the results folder is per run. */
    private static Path reportDir(Path resultsFolder) throws IOException {
        try (Stream<Path> children = Files.list(resultsFolder)) {
            return children.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("index.html")))
                    .findFirst().orElse(null);
        }
    }
}
