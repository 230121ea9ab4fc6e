package dev.offload.scorecard;

import dev.offload.load.results.PerfRecords.CapacityStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the scorecard: {@code index.html} (self-contained) and {@code scorecard.md} plus the chart PNGs it links,
 * from the three phase results that the {@code scorecard} profile produced before it. Run last, by load-tests'
 * {@code scorecard} profile; also runnable by hand on results from earlier runs:
 * <pre>java -cp ... dev.offload.scorecard.Scorecard --root=. --output=target/scorecard</pre>
 * Options ({@code --key=value}): {@code root} (repository root; default inputs are resolved against it),
 * {@code output}, {@code matrix}, {@code load}, {@code jmh} (input files), {@code build-start} (Maven's
 * {@code yyyyMMdd-HHmm} UTC build timestamp: older inputs are STALE, i.e. failed), {@code versions}
 * ({@code helidon=4.5.0,jetty=...}), {@code near-ceiling} (fraction of the injector ceiling from which a figure is
 * flagged, default 0.5), {@code strict} (true: exit 1 when a phase failed; the report is written either way).
 */
public final class Scorecard {

    private static final DateTimeFormatter MAVEN_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private Scorecard() {}

    public static void main(String[] args) {
        try {
            System.exit(run(System.out, args));
        } catch (IllegalArgumentException e) {
            System.err.println("[scorecard] " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Writes the scorecard, printing progress to {@code log}; returns the process exit code (0, or 1 with
     * {@code --strict=true} and a failed phase).
     */
    static int run(PrintStream log, String... args) {
        Map<String, String> opts = options(args);
        Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path output = root.resolve(opts.getOrDefault("output", "target/scorecard")).normalize();
        Instant buildStart = buildStart(opts.get("build-start"));
        print(log, "writing the scorecard to " + output + (buildStart == null ? ""
                : " (inputs older than the build start " + buildStart + " count as stale)"));

        Phase<ConformanceMatrix> conformance = Phase.read("Conformance (TCK)",
                root.resolve(opts.getOrDefault("matrix", "conformance-tests/target/conformance/matrix.json")),
                buildStart, ConformanceMatrix::parse);
        report(log, conformance, m -> m.servers().size() + " server(s) × " + m.cells().size() + " behaviours");
        Phase<LoadResults> load = Phase.read("Load (Hyperfoil + Gatling)",
                root.resolve(opts.getOrDefault("load", "load-tests/target/load/results.json")),
                buildStart, LoadResults::parse);
        if (load.ok() && load.get().error() != null) {
            load = load.withFailure("the load orchestrator stopped: " + load.get().error());
        } else if (load.ok() && "RUNNING".equals(load.get().status())) {
            load = load.withFailure("results.json still says RUNNING: the load run was killed before it finished");
        } else if (load.ok() && !"OK".equals(load.get().status())
                && load.get().runs().stream().noneMatch(LoadResults.Run::failed)
                && load.get().perf().capacity().stream().noneMatch(c -> c.status() == CapacityStatus.FAILED)) {
            load = load.withFailure("results.json says " + load.get().status() + " without naming a failed run");
        }
        report(log, load, l -> l.perf().capacity().size() + " capacity searches, " + l.perf().equalRate().size()
                + " equal-rate runs, " + l.perf().soak().size() + " soaks, " + l.runs().size() + " behaviour runs, "
                + l.scenarios().size() + " scenarios × "
                + l.servers().size() + " server(s), " + l.runs().stream().filter(LoadResults.Run::failed).count()
                + " failed");
        Phase<JmhResults> jmh = Phase.read("Microbenchmarks (JMH)",
                root.resolve(opts.getOrDefault("jmh", "benchmarks/target/jmh/quick.json")),
                buildStart, JmhResults::parse);
        report(log, jmh, j -> j.results().size() + " benchmark results");

        Report.Inputs inputs = new Report.Inputs(conformance, load, jmh, versions(opts.getOrDefault("versions", "")),
                output, Instant.now(), Double.parseDouble(opts.getOrDefault("near-ceiling", "0.5")));
        print(log, "rendering verdict, matrix, load tables, charts, JMH table, environment");
        Doc doc = Report.build(inputs);
        write(doc, output);
        long failed = List.of(conformance, load, jmh).stream().filter(p -> !p.ok()).count();
        print(log, "wrote " + output.resolve("index.html") + " and " + output.resolve("scorecard.md"));
        if (failed > 0) {
            print(log, failed + " phase(s) FAILED; the report shows them as failed");
            return "true".equals(opts.get("strict")) ? 1 : 0;
        }
        return 0;
    }

    static void write(Doc doc, Path output) {
        try {
            Files.createDirectories(output.resolve("charts"));
            for (Doc.Block block : doc.blocks) {
                if (block instanceof Doc.Chart chart && chart.png() != null) {
                    Files.write(output.resolve("charts").resolve(chart.fileName()), chart.png());
                }
            }
            Files.writeString(output.resolve("scorecard.md"), MarkdownRenderer.render(doc), StandardCharsets.UTF_8);
            Files.writeString(output.resolve("index.html"), HtmlRenderer.render(doc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the scorecard to " + output + ": " + e.getMessage(), e);
        }
    }

    private static <T> void report(PrintStream log, Phase<T> phase, java.util.function.Function<T, String> summary) {
        print(log, phase.name() + ": "
                + (phase.ok() ? "OK, " + summary.apply(phase.get()) : "FAILED, " + phase.failure()));
    }

    private static void print(PrintStream log, String line) {
        log.println("[scorecard] " + line);
        log.flush();
    }

    static Map<String, String> options(String... args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
            }
            out.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return out;
    }

    /** Maven's default {@code maven.build.timestamp} is UTC, to the minute; an empty value disables the check. */
    static Instant buildStart(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(raw.trim(), MAVEN_TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(raw.trim());
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--build-start must be yyyyMMdd-HHmm (UTC) or ISO-8601, got '"
                        + raw + "'");
            }
        }
    }

    private static Map<String, String> versions(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
