package dev.offload.scorecard;

import dev.offload.scorecard.Doc.Text;
import dev.offload.scorecard.Doc.Tone;
import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles the scorecard from the three phases: verdict first, then the conformance matrix, the load figures, the
 * charts, the JMH table, and the environment. Every number comes from an input file; a phase that failed is shown as
 * FAILED in its own section (and in the verdict), never left out.
 */
final class Report {

    /** Everything the report is built from. {@code outputDir} is where index.html goes; links are relative to it. */
    record Inputs(Phase<ConformanceMatrix> conformance, Phase<LoadResults> load, Phase<JmhResults> jmh,
                  Map<String, String> versions, Path outputDir, Instant generatedAt, double nearCeiling) {}

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Inputs in;
    private final Doc doc = new Doc("Offload scorecard: Helidon SE vs Jetty");
    private final List<String> servers;

    private Report(Inputs in) {
        this.in = in;
        List<String> found = new ArrayList<>();
        in.conformance().data().ifPresent(m -> found.addAll(m.servers()));
        in.load().data().ifPresent(l -> l.servers().stream().filter(s -> !found.contains(s)).forEach(found::add));
        this.servers = found.stream().sorted().toList();
    }

    /**
     * Verdict, then the performance a team sizes hardware with (capacity, equal-rate cost, cost growth), behaviour
     * under load, JMH, the conformance matrix in full, the environment.
     */
    static Doc build(Inputs in) {
        Report report = new Report(in);
        report.verdict();
        PerfData data = report.perfData();
        PerfSection perf = new PerfSection(report.doc, data, report.servers, report::chart);
        perf.capacity();
        new WatchCostSection(report.doc, data, report.servers).render();
        perf.equalRate();
        new SoakSection(report.doc, data, report.servers, report::chart).render();
        BehaviourSection behaviour = new BehaviourSection(in, report.doc, report.servers, report::chart,
                report::relative);
        behaviour.load();
        behaviour.charts();
        new JmhSection(report.doc, in.jmh(), report::relative).render();
        new ConformanceSection(report.doc, in.conformance(), report.servers, report::relative).render();
        report.environment();
        return report.doc;
    }

    private PerfData perfData() {
        return in.load().data().map(LoadResults::perf).orElse(PerfData.EMPTY);
    }

    /** "helidon" → "Helidon": server ids are lower-case in the inputs, names read better capitalised. */
    static String display(String server) {
        if (server.equalsIgnoreCase("jmh")) {
            return "JMH";
        }
        return server.isEmpty() ? server : Character.toUpperCase(server.charAt(0)) + server.substring(1);
    }

    // ---------------------------------------------------------------------------------------------------- verdict

    private void verdict() {
        doc.heading(2, "Verdict", "verdict");
        doc.para("Generated " + DATE.format(in.generatedAt()) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores. Capacity is the highest rate one server core sustains at the SLA; cost compares the servers "
                + "at equal fixed rates only; a difference is called only when the fresh-JVM repetitions' ranges do "
                + "not overlap. Every absolute number belongs to this machine: rerun on your own hardware before "
                + "sizing with it.");
        for (Phase<?> phase : List.of(in.conformance(), in.load(), in.jmh())) {
            if (!phase.ok()) {
                doc.para(Tone.FAIL, Text.plain(phase.name() + " phase: " + phase.failure()));
            }
        }
        List<String> headers = new ArrayList<>(List.of("server", "REQUIRED passed", "RECOMMENDED passed",
                "wire integrity", "load runs completed", "PLAINTEXT capacity req/s/core"));
        List<List<Text>> rows = new ArrayList<>();
        for (String server : servers) {
            rows.add(List.of(Text.plain(display(server)), score(server, Grade.REQUIRED),
                    score(server, Grade.RECOMMENDED), wire(server), loadCompleted(server),
                    Text.plain(plaintextCapacity(server))));
        }
        if (servers.isEmpty()) {
            rows.add(List.of(Text.of("no server results", Tone.FAIL), Text.of("FAILED", Tone.FAIL),
                    Text.of("FAILED", Tone.FAIL), Text.of("FAILED", Tone.FAIL), Text.of("FAILED", Tone.FAIL),
                    Text.plain("n/a")));
        }
        doc.table(new Doc.Table(headers, rows, "REQUIRED/RECOMMENDED: conformance checks passed out of the spec's "
                + "catalogue (a SKIPPED or missing check is not passed). Wire integrity: the REQUIRED WIRE checks "
                + "(HTTP/1.1 framing after early answers, Connection: close, chunked and ambiguous framing, HEAD, "
                + "stalled clients, UTF-8 bodies); a server failing one can be made to run work inside a request it "
                + "refused, so it is not safe for offloaded work whatever else it passes. Load runs: behaviour runs "
                + "(Gatling) and capacity searches that produced a result. Last column: median PLAINTEXT capacity at "
                + "the SLA with its range."));
        PerfSection perf = new PerfSection(doc, perfData(), servers, this::chart);
        doc.bullets(false, perf.verdictLines().stream().map(line -> List.of(Text.plain(line))).toList());

        doc.heading(3, "Biggest differences", null);
        if (servers.size() < 2) {
            doc.para(Tone.FAIL, Text.plain("fewer than two servers have results: nothing to compare"));
        } else {
            List<Differences.Difference> top = Differences.top(in.conformance().data().orElse(null),
                    in.load().data().orElse(null), servers.get(0), servers.get(1), 3);
            if (top.isEmpty()) {
                doc.para("No difference above the thresholds (a different verdict, a failed run, errors on one "
                        + "side only, or a ratio ≥ " + Differences.MIN_RATIO + "× with a gap ≥ "
                        + Figure.number(Differences.MIN_LATENCY_GAP_MS) + " ms / "
                        + Figure.number(Differences.MIN_CPU_GAP_MICROS) + " µs / "
                        + Figure.number(Differences.MIN_RSS_GAP_MB) + " MB).");
            }
            doc.bullets(true, top.stream().map(d -> List.of(Text.plain(d.text()))).toList());
            List<Differences.Difference> all = Differences.top(in.conformance().data().orElse(null),
                    in.load().data().orElse(null), servers.get(0), servers.get(1), Integer.MAX_VALUE);
            if (all.size() > top.size()) {
                // the whole list, so two runs can be compared on what each calls significant, not only the top
                doc.para("Every difference the data supports (" + all.size() + "), by the same rules:");
                doc.bullets(true, all.stream().map(d -> List.of(Text.plain(d.text()))).toList());
            }
        }

        doc.heading(3, "Phases", null);
        List<List<Text>> phases = new ArrayList<>();
        for (Phase<?> phase : List.of(in.conformance(), in.load(), in.jmh())) {
            phases.add(List.of(Text.plain(phase.name()),
                    phase.ok() ? Text.of("OK", Tone.OK) : Text.of(phase.data().isPresent()
                            ? "FAILED (partial results shown)" : "FAILED", Tone.FAIL),
                    Text.link(relative(phase.source()), relative(phase.source())),
                    Text.plain(phase.written() == null ? "—" : DATE.format(phase.written()))));
        }
        doc.table(new Doc.Table(List.of("phase", "status", "result file", "written"), phases, null));
        nearCeilingWarning();
    }

    private Text score(String server, Grade grade) {
        return in.conformance().data().map(m -> {
            if (!m.servers().contains(server)) {
                return Text.of("FAILED (no TCK column)", Tone.FAIL);
            }
            int[] s = m.score(server, grade);
            return Text.of(s[0] + "/" + s[1], s[0] == s[1] ? Tone.OK : grade == Grade.REQUIRED ? Tone.FAIL : Tone.WARN);
        }).orElse(Text.of("FAILED (no matrix)", Tone.FAIL));
    }

    /** The REQUIRED WIRE checks, from the matrix: passed/total, and the failing IDs when there are any. */
    private Text wire(String server) {
        return in.conformance().data().map(m -> {
            if (!m.servers().contains(server)) {
                return Text.of("FAILED (no TCK column)", Tone.FAIL);
            }
            List<String> failing = new ArrayList<>();
            int total = 0;
            for (Behaviour b : Behaviour.values()) {
                if (b.section() == Behaviour.GuideSection.WIRE && b.grade() == Grade.REQUIRED) {
                    total++;
                    if (!m.cell(b, server).passed()) {
                        failing.add(b.id());
                    }
                }
            }
            return failing.isEmpty() ? Text.of(total + "/" + total + " WIRE REQUIRED", Tone.OK)
                    : Text.of((total - failing.size()) + "/" + total + ", not met: " + String.join(", ", failing),
                    Tone.FAIL);
        }).orElse(Text.of("FAILED (no matrix)", Tone.FAIL));
    }

    private Text loadCompleted(String server) {
        return in.load().data().map(l -> {
            List<String> scenarios = l.scenarios();
            long done = scenarios.stream().map(s -> LoadRow.of(l, s, server))
                    .filter(row -> row.failed().isEmpty() && !row.failedEntirely()).count();
            long searched = l.perf().patterns().stream().filter(p -> l.perf().capacityFailures(p, server) == 0
                    && !l.perf().capacities(p, server).isEmpty()).count();
            long all = scenarios.size() + l.perf().patterns().size();
            return Text.of((done + searched) + "/" + all, done + searched == all ? Tone.OK : Tone.FAIL);
        }).orElse(Text.of("FAILED (no results)", Tone.FAIL));
    }

    private String plaintextCapacity(String server) {
        return in.load().data().map(l -> {
            Figure f = l.perf().capacity("PLAINTEXT", server);
            return f.present() ? (l.perf().generatorLimited("PLAINTEXT", server) ? "≥ " : "") + f.format() : "n/a";
        }).orElse("n/a");
    }

    private void nearCeilingWarning() {
        in.load().data().ifPresent(l -> {
            if (l.ceilingRps() == null) {
                doc.para(Tone.WARN, Text.plain(l.calibrationSteps().isEmpty()
                        ? "the load results record no injector calibration ceiling, so no figure can be checked "
                        + "against the injector's own limit."
                        : "the injector's calibration found no clean step (lowest: "
                        + Figure.number(l.calibrationSteps().getFirst().rate()) + " req/s with p99 "
                        + Figure.number(l.calibrationSteps().getFirst().p99Ms()) + " ms): this machine was too busy "
                        + "to drive even that rate cleanly, so every latency figure may be the injector's or the "
                        + "machine's, not the server's. CPU µs/request, read from the server process, still holds."));
                return;
            }
            List<String> near = new ArrayList<>();
            for (String scenario : l.scenarios()) {
                for (String server : servers) {
                    LoadRow row = LoadRow.of(l, scenario, server);
                    if (row.nearCeiling(l.ceilingRps(), in.nearCeiling())) {
                        near.add(scenario + " on " + display(server) + " (" + row.rate().format() + " req/s)");
                    }
                }
            }
            if (!near.isEmpty()) {
                doc.para(Tone.WARN, Text.plain("near the injector's calibrated ceiling ("
                        + Figure.number(l.ceilingRps()) + " req/s), so latency and errors there may be the "
                        + "injector's, not the server's: " + String.join(", ", near)
                        + ". Those rates are marked ⚠ below."));
            }
        });
    }

    private void chart(String title, String file, String axis, List<String> categories, List<String> series,
                       Map<String, Map<String, Double>> values, int width, int height) {
        try {
            doc.chart(new Doc.Chart(title, file,
                    Charts.bars(title, axis, categories, series, values, width, height), null));
        } catch (Exception | LinkageError e) {
            doc.chart(new Doc.Chart(title, file, null, e.toString()));
        }
    }

    // ------------------------------------------------------------------------------------------------ environment

    private void environment() {
        doc.heading(2, "Environment", "environment");
        List<List<Text>> rows = new ArrayList<>();
        rows.add(row("generated", DATE.format(in.generatedAt())));
        rows.add(row("cores (as the report generator sees them)",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        rows.add(row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch")));
        in.versions().forEach((name, version) -> rows.add(row(display(name) + " version", version)));
        in.load().data().ifPresent(l -> {
            rows.add(row("load profile", l.profile()));
            PerfData perf = l.perf();
            if (!perf.isEmpty()) {
                rows.add(row("perf phases: pinning", perf.pinning() == null ? "not recorded"
                        : (perf.pinning().pinned() ? "" : "NOT pinned: ") + perf.pinning().note()));
                rows.add(row("perf phases: repetitions", perf.capacity().stream().mapToInt(c -> c.rep()).max()
                        .orElse(0) + " fresh-JVM repetitions per server, interleaved (soak: 1)"));
                rows.add(row("perf phases: SLA", "p99 ≤ " + Figure.number(perf.sla().maxP99Ms()) + " ms, "
                        + perf.sla().maxErrors() + " errors, ≥ " + Math.round(100 * perf.sla().minAchievedShare())
                        + " % of the offered rate achieved"));
            }
            rows.add(row("load repetitions", BehaviourSection.repsNote(l)));
            rows.add(row("injector calibration ceiling", l.ceilingRps() == null ? "not recorded"
                    : Figure.number(l.ceilingRps()) + " req/s (rates marked ⚠ at ≥ "
                    + Math.round(100 * in.nearCeiling()) + " % of it)"));
            String flags = l.environment().getOrDefault("serverJvmFlags", "");
            rows.add(row("GC (servers)", java.util.Arrays.stream(flags.split(" "))
                    .filter(f -> f.matches("-XX:\\+Use\\w+GC")).findFirst()
                    .orElse("the JVM's default (no -XX:+Use…GC in the server flags)")));
            l.environment().forEach((k, v) -> rows.add(row("load: " + k, v)));
        });
        if (!in.load().ok()) {
            rows.add(List.of(Text.plain("load environment"), Text.of("FAILED: " + in.load().failure(), Tone.FAIL)));
        }
        in.jmh().data().ifPresent(j -> {
            JmhResults.Result r = j.results().getFirst();
            rows.add(row("JMH JDK", r.jdkVersion() + " (" + r.vmVersion() + ")"));
            rows.add(row("JMH JVM flags", String.join(" ", r.jvmArgs().stream().distinct().toList())));
            rows.add(row("JMH repetitions", r.forks() + " fork(s) × " + r.measurementIterations()
                    + " iteration(s); spread = the ± error column"));
        });
        in.conformance().data().ifPresent(m -> m.runs().forEach((server, run) -> rows.add(row(
                "TCK run on " + display(server), run + " (one run; each cell's figure is one measurement)"))));
        doc.table(new Doc.Table(List.of("what", "value"), rows, null, false));
        doc.para(Tone.WARN, Text.plain("every absolute figure here belongs to this machine: in the perf phases one "
                + "server core against the injector's; in the behaviour runs server and injector share the cores. "
                + "Compare servers by ratio at equal rates, size hardware by capacity per core, and rerun on your "
                + "own hardware first."));
    }

    private static List<Text> row(String what, String value) {
        return List.of(Text.plain(what), Text.plain(value));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** A path relative to the report's folder, with forward slashes, so links work from disk on any OS. */
    private String relative(Path target) {
        Path base = in.outputDir().toAbsolutePath().normalize();
        return base.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
