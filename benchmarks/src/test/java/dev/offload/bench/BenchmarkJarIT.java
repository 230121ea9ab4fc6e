package dev.offload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar is what the README's commands run, so this proves it is whole and runnable without running the
 * suite: its {@code META-INF/BenchmarkList} names every {@code @Benchmark} method compiled in this module (an
 * annotation processor that did not run leaves it empty or stale), and one benchmark runs from it for one short
 * iteration in a real fork, started as the README starts it (plain {@code java -jar}, no flags), writes JMH JSON,
 * and prints no {@code sun.misc.Unsafe} warning on this JDK (21 or later).
 *
 * <p>If it fails: an empty or short list means jmh-generator-annprocess is missing from annotationProcessorPaths;
 * a run that warns about {@code sun.misc.Unsafe} means the flag of {@link JvmFlags} no longer reaches the host VM
 * ({@link Main}) or its forks; a run that fails with "Unrecognized option" means it reached a JVM that predates it.
 */
class BenchmarkJarIT {
    private static final Path JAR = Path.of(System.getProperty("benchmarks.jar", "target/benchmarks.jar"));
    private static final Path CLASSES = Path.of(System.getProperty("benchmarks.classes", "target/classes"));
    private static final Path RESULTS = Path.of(System.getProperty("benchmarks.results", "target/jmh"));
    private static final String SMOKE = SpawnBenchmark.class.getName() + ".virtualThreadStartJoin";

    @Test
    void jarListsEveryBenchmarkAndRunsOneForOneShortIteration() throws Exception {
        Set<String> compiled = benchmarkMethodsIn(CLASSES);
        assertTrue(compiled.size() >= 6, "too few @Benchmark methods found under " + CLASSES + ": " + compiled);
        assertEquals(compiled, benchmarksListedIn(JAR), "the jar's BenchmarkList differs from the compiled benchmarks");

        Files.createDirectories(RESULTS);
        Path json = RESULTS.resolve("smoke.json");
        Files.deleteIfExists(json);
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = List.of(java, "-jar", JAR.toString(),
                "^" + SMOKE.replace(".", "\\.") + "$", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                "-rf", "json", "-rff", json.toString());
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = run.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!run.waitFor(120, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
        assertEquals(0, run.exitValue(), "benchmark run failed:\n" + output);
        assertFalse(output.contains("sun.misc.Unsafe"), "a JVM warned about sun.misc.Unsafe:\n" + output);
        for (String flag : JvmFlags.forVersion(Runtime.version())) {
            assertTrue(output.lines().anyMatch(l -> l.startsWith("# VM options:") && l.contains(flag)),
                    "the fork did not get " + flag + ":\n" + output);
        }

        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, results.size(), "expected exactly the smoke benchmark in " + json);
        assertEquals(SMOKE, results.get(0).path("benchmark").asText());
        JsonNode score = results.get(0).path("primaryMetric").path("score");
        assertTrue(score.isNumber() && score.asDouble() > 0, "no positive score in " + json + ": " + results);
    }

    /** "Class.method" for every @Benchmark method of the top-level classes compiled into {@code classes}. */
    private static Set<String> benchmarkMethodsIn(Path classes) throws IOException, ClassNotFoundException {
        Path packageDir = classes.resolve(BenchmarkJarIT.class.getPackageName().replace('.', '/'));
        List<String> classNames = new ArrayList<>();
        try (Stream<Path> files = Files.list(packageDir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .forEach(name -> classNames.add(BenchmarkJarIT.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length())));
        }
        Set<String> benchmarks = new TreeSet<>();
        for (String className : classNames) {
            for (Method method : Class.forName(className).getDeclaredMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    benchmarks.add(className + "." + method.getName());
                }
            }
        }
        return benchmarks;
    }

    private static Set<String> benchmarksListedIn(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(BenchmarkList.BENCHMARK_LIST.substring(1));
            assertNotNull(entry, jar + " has no " + BenchmarkList.BENCHMARK_LIST);
            try (InputStream in = file.getInputStream(entry)) {
                return BenchmarkList.readBenchmarkList(in).stream()
                        .map(BenchmarkListEntry::getUsername)
                        .collect(Collectors.toCollection(TreeSet::new));
            }
        }
    }
}
