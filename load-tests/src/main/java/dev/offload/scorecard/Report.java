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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        PerfSection perf = report.perf();
        perf.capacity();
        perf.equalRate();
        perf.growth();
        report.load();
        report.charts();
        report.jmh();
        report.conformance();
        report.environment();
        return report.doc;
    }

    private PerfSection perf() {
        return new PerfSection(doc, in.load().data().map(LoadResults::perf).orElse(PerfData.EMPTY), servers,
                this::chart);
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
                "load runs completed", "PLAINTEXT capacity req/s/core"));
        List<List<Text>> rows = new ArrayList<>();
        for (String server : servers) {
            rows.add(List.of(Text.plain(display(server)), score(server, Grade.REQUIRED),
                    score(server, Grade.RECOMMENDED), loadCompleted(server), Text.plain(plaintextCapacity(server))));
        }
        if (servers.isEmpty()) {
            rows.add(List.of(Text.of("no server results", Tone.FAIL), Text.of("FAILED", Tone.FAIL),
                    Text.of("FAILED", Tone.FAIL), Text.of("FAILED", Tone.FAIL), Text.plain("n/a")));
        }
        doc.table(new Doc.Table(headers, rows, "REQUIRED/RECOMMENDED: conformance checks passed out of the spec's "
                + "catalogue (a SKIPPED or missing check is not passed). Load runs: behaviour runs (Gatling) and capacity "
                + "searches that produced a result. Last column: median PLAINTEXT capacity at the SLA with its range."));
        doc.bullets(false, perf().verdictLines().stream().map(line -> List.of(Text.plain(line))).toList());

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

    // ------------------------------------------------------------------------------------------------ conformance

    private void conformance() {
        doc.heading(2, "Conformance matrix", "conformance");
        Phase<ConformanceMatrix> phase = in.conformance();
        if (!phase.ok()) {
            doc.para(Tone.FAIL, Text.plain("conformance phase: " + phase.failure()));
        }
        if (phase.data().isEmpty()) {
            return;
        }
        ConformanceMatrix m = phase.get();
        Path html = phase.source().resolveSibling("matrix.html");
        doc.para(Tone.PLAIN, Text.plain("Each cell: the verdict and the figure the check measured. Source: "),
                Text.link(relative(phase.source()), relative(phase.source())), Text.plain(" · "),
                Text.link("the TCK's own matrix.html", relative(html)));
        List<String> headers = new ArrayList<>(List.of("ID", "grade", "behaviour"));
        // Every server with any result gets a column: one the TCK did not cover shows MISSING, not nothing.
        servers.stream().map(Report::display).forEach(headers::add);
        List<List<Text>> rows = new ArrayList<>();
        for (Behaviour b : Behaviour.values()) {
            List<Text> row = new ArrayList<>(List.of(Text.plain(b.id()), Text.plain(b.grade().name()),
                    Text.plain(b.title())));
            for (String server : servers) {
                ConformanceMatrix.Cell c = m.cell(b, server);
                Tone tone = switch (c.outcome()) {
                    case "PASS" -> Tone.OK;
                    case "SKIPPED" -> Tone.SKIP;
                    default -> b.grade() == Grade.REQUIRED ? Tone.FAIL : Tone.WARN;
                };
                row.add(Text.of(c.outcome() + (c.figure().isEmpty() ? "" : " — " + c.figure()), tone));
            }
            rows.add(row);
        }
        doc.table(new Doc.Table(headers, rows, "A REQUIRED failure fails the TCK run; RECOMMENDED ones are "
                + "reported. MISSING: the TCK wrote no cell for that ID (counted as not passed)."));
    }

    // ------------------------------------------------------------------------------------------------------- load

    private void load() {
        doc.heading(2, "Behaviour under load (Gatling)", "load");
        Phase<LoadResults> phase = in.load();
        if (!phase.ok()) {
            doc.para(Tone.FAIL, Text.plain("load phase: " + phase.failure()));
        }
        if (phase.data().isEmpty()) {
            return;
        }
        LoadResults l = phase.get();
        doc.para(Tone.PLAIN, Text.plain("Gatling, open model, one server at a time in its own JVM, profile "
                        + l.profile() + ". Injector calibration ceiling: "
                        + (l.ceilingRps() != null ? Figure.number(l.ceilingRps()) + " req/s"
                        : l.calibrationSteps().isEmpty() ? "not recorded" : "none (no clean step)")
                        + (l.calibrationServer() == null ? "" : " (measured against " + display(l.calibrationServer())
                        + "'s PLAINTEXT)")
                        + (l.ceilingFraction() == null || l.ceilingRps() == null ? "" : ", rates kept under "
                        + Math.round(100 * l.ceilingFraction()) + " % of it") + ". Source: "),
                Text.link(relative(phase.source()), relative(phase.source())));
        if (l.calibrationReport() != null) {
            doc.para(Tone.PLAIN, Text.plain("Calibration run: "), Text.link("Gatling report",
                    relative(phase.source().getParent().resolve(l.calibrationReport()))),
                    Text.plain(l.calibrationCriteria() == null ? "" : ". Criteria: " + l.calibrationCriteria()
                            + "."));
        }
        if (!l.calibrationSteps().isEmpty()) {
            doc.table(new Doc.Table(List.of("calibration step req/s", "requests", "KO", "p99 ms", "clean"),
                    l.calibrationSteps().stream().map(s -> List.of(Text.plain(Figure.number(s.rate())),
                            Text.plain(Figure.number(s.count())), Text.plain(Figure.number(s.ko())),
                            Text.plain(Figure.number(s.p99Ms())),
                            s.clean() ? Text.of("yes", Tone.OK) : Text.of("no", Tone.WARN))).toList(), null));
        }

        doc.bullets(false, l.scenarios().stream().filter(s -> !l.planned().getOrDefault(s, "").isEmpty())
                .map(s -> List.of(Text.plain(s + ": " + l.planned().get(s)))).toList());

        // Latency and outcome per scenario and server.
        List<List<Text>> rows = new ArrayList<>();
        for (String scenario : l.scenarios()) {
            for (String server : servers) {
                LoadRow row = LoadRow.of(l, scenario, server);
                if (row.failedEntirely()) {
                    rows.add(failedRow(scenario, server, row.failureSummary(), 11));
                    continue;
                }
                Figure rate = row.rate();
                Figure achieved = row.figure(LoadResults.Run::achievedRate);
                rows.add(List.of(Text.plain(scenario), Text.plain(display(server)),
                        row.nearCeiling(l.ceilingRps(), in.nearCeiling()) ? Text.of(rate.format() + " ⚠", Tone.WARN)
                                : Text.plain(rate.format()),
                        Text.plain(achieved.format()), Text.plain(Figure.number(row.count())),
                        Text.plain(row.p50().format()), Text.plain(row.p95().format()),
                        Text.plain(row.p99().format()), Text.plain(row.max().format()),
                        Text.plain(mix(row.statusMix())), errors(row)));
            }
        }
        doc.heading(3, "Latency and outcomes", null);
        doc.table(new Doc.Table(List.of("scenario", "server", "target req/s", "achieved req/s", "requests",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "status mix", "errors"), rows,
                "Median over " + repsNote(l) + "; ±x% is half the min–max range over the repetitions, relative to "
                        + "the median. Latencies in ms over the measured window (warm-up excluded). A FAILED repetition"
                        + " is named in the errors column."));

        // Server-side cost and ratios.
        List<List<Text>> cost = new ArrayList<>();
        for (String scenario : l.scenarios()) {
            for (String server : servers) {
                LoadRow row = LoadRow.of(l, scenario, server);
                if (row.failedEntirely()) {
                    cost.add(failedRow(scenario, server, row.failureSummary(), 9));
                    continue;
                }
                LoadRow plain = LoadRow.of(l, "PLAINTEXT", server);
                cost.add(List.of(Text.plain(scenario), Text.plain(display(server)), Text.plain(row.cpu().format()),
                        Text.plain(row.rss().format()),
                        Text.plain(row.figure(LoadResults.Run::heapAfterGcMb).format()),
                        Text.plain(ratio(row.p99(), plain.p99())), Text.plain(ratio(row.cpu(), plain.cpu())),
                        Text.plain(row.figure(LoadResults.Run::hostCpuBusyPercent).format()),
                        Text.plain(String.valueOf(row.reps()))));
            }
        }
        doc.heading(3, "Server-side cost", null);
        doc.table(new Doc.Table(List.of("scenario", "server", "CPU µs/request", "peak RSS MB", "heap after GC MB",
                "p99 ÷ PLAINTEXT p99", "CPU ÷ PLAINTEXT CPU", "host CPU busy %", "reps"), cost,
                "CPU time of the server process over the measured window divided by the requests in it; RSS and "
                        + "heap read from the server process. Ratios compare a scenario with the same server's "
                        + "PLAINTEXT. Host CPU busy: both cores over the window, injector included; near 100 % the "
                        + "machine, not the server, sets the latency."));

        if (servers.size() >= 2) {
            String a = servers.get(0);
            String b = servers.get(1);
            List<List<Text>> ratios = new ArrayList<>();
            for (String scenario : l.scenarios()) {
                LoadRow ra = LoadRow.of(l, scenario, a);
                LoadRow rb = LoadRow.of(l, scenario, b);
                ratios.add(List.of(Text.plain(scenario), Text.plain(ratio(ra.p50(), rb.p50())),
                        Text.plain(ratio(ra.p99(), rb.p99())), Text.plain(ratio(ra.cpu(), rb.cpu())),
                        Text.plain(ratio(ra.rss(), rb.rss()))));
            }
            String pair = display(a) + "/" + display(b);
            doc.heading(3, pair + " ratio", null);
            doc.table(new Doc.Table(List.of("scenario", pair + " p50", pair + " p99", pair + " CPU µs/request",
                    pair + " RSS"), ratios, "Below 1: " + display(a) + " is lower (faster, cheaper); above 1: "
                    + display(b) + " is. n/a: a side has no figure."));
        }
        behaviourFigures(l);
        artifacts(l);
    }

    private void behaviourFigures(LoadResults l) {
        record Line(String scenario, String label, Function<LoadRow, String> value) {}
        List<Line> lines = List.of(
                new Line("POOL", "POOL 503 share of measured requests",
                        r -> percent(r.extra(LoadResults.X_REJECTED_SHARE))),
                new Line("POOL", "POOL 503 p99 ms", r -> r.extra(LoadResults.X_REJECTED_P99).format()),
                new Line("POOL", "POOL accepted (202) / lost jobs",
                        r -> r.extra(LoadResults.X_POOL_ACCEPTED).format() + " / "
                                + r.extra(LoadResults.X_LOST).format()),
                new Line("TIMEOUT", "TIMEOUT 408 overshoot past the deadline, p99 ms",
                        r -> r.extra(LoadResults.X_OVERSHOOT_P99).format() + " (deadline "
                                + r.extra(LoadResults.X_DEADLINE).format() + " ms)"),
                new Line("FAN", "FAN p99 minus the slower child, ms", Report::fanOverhead),
                new Line("DRAIN", "DRAIN accepted / completed / abandoned",
                        r -> r.extra(LoadResults.X_DRAIN_ACCEPTED).format() + " / "
                                + r.extra(LoadResults.X_COMPLETED).format() + " / "
                                + r.extra(LoadResults.X_ABANDONED).format()));
        List<List<Text>> rows = new ArrayList<>();
        for (Line line : lines) {
            List<Text> row = new ArrayList<>(List.of(Text.plain(line.label())));
            for (String server : servers) {
                LoadRow r = LoadRow.of(l, line.scenario(), server);
                row.add(r.failedEntirely() ? Text.of("FAILED: " + r.failureSummary(), Tone.FAIL)
                        : Text.plain(line.value().apply(r)));
            }
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of("behaviour under load"));
        servers.stream().map(Report::display).forEach(headers::add);
        doc.heading(3, "Behaviour figures under load", null);
        doc.table(new Doc.Table(headers, rows, "Medians over the repetitions. Lost: a 202'd job id that never "
                + "reached SUCCEEDED. Abandoned: accepted work the server cancelled at drainTimeout."));
    }

    /** FAN's p99 minus the slower child's delay: what fan-out costs above the unavoidable wait. */
    private static String fanOverhead(LoadRow r) {
        Figure child = r.extra(LoadResults.X_SLOWER_CHILD);
        if (!child.present() || !r.p99().present()) {
            return "n/a";
        }
        Figure gap = r.figure(run -> run.p99() - run.extra(LoadResults.X_SLOWER_CHILD));
        return gap.format() + " (p99 " + r.p99().format() + " − slower child " + child.format() + ")";
    }

    /** One line per scenario and server, linking each repetition's Gatling report. */
    private void artifacts(LoadResults l) {
        List<List<Text>> items = new ArrayList<>();
        for (String scenario : l.scenarios()) {
            for (String server : servers) {
                List<Text> item = new ArrayList<>(List.of(Text.plain(scenario + " · " + display(server) + ": ")));
                for (LoadResults.Run run : l.runs(scenario, server)) {
                    if (run.report() != null) {
                        item.add(Text.link("rep " + run.rep(),
                                relative(in.load().source().getParent().resolve(run.report()))));
                        item.add(Text.plain(" "));
                    }
                }
                if (item.size() > 1) {
                    items.add(item);
                }
            }
        }
        if (!items.isEmpty()) {
            doc.heading(3, "Gatling HTML reports", null);
            doc.bullets(false, items);
        }
    }

    /** A table row for a scenario without figures: the reason where the first figure would be, dashes after. */
    private static List<Text> failedRow(String scenario, String server, String reason, int width) {
        List<Text> row = new ArrayList<>(List.of(Text.plain(scenario), Text.plain(display(server)),
                Text.of("FAILED: " + reason, Tone.FAIL)));
        while (row.size() < width) {
            row.add(Text.plain("—"));
        }
        return row;
    }

    private Text errors(LoadRow row) {
        StringBuilder s = new StringBuilder(Figure.number(row.errors()));
        if (row.count() > 0 && row.errors() > 0) {
            s.append(" (").append(percent(Figure.of(row.errors() / (double) row.count()))).append(')');
        }
        if (!row.failed().isEmpty()) {
            s.append(s.isEmpty() ? "" : " · ").append(row.failureSummary());
            return Text.of(s.toString(), Tone.FAIL);
        }
        return row.errors() > 0 ? Text.of(s.toString(), Tone.WARN) : Text.plain(s.toString());
    }

    private static String repsNote(LoadResults l) {
        List<Integer> reps = l.runs().stream().map(LoadResults.Run::rep).distinct().toList();
        return reps.size() + (reps.size() == 1 ? " repetition (no spread to show)" : " fresh-JVM repetitions");
    }

    // ----------------------------------------------------------------------------------------------------- charts

    private void charts() {
        doc.heading(2, "Behaviour charts", "charts");
        if (in.load().data().isEmpty()) {
            doc.para(Tone.FAIL, Text.plain("no charts: the load phase failed (" + in.load().failure() + ")"));
            return;
        }
        LoadResults l = in.load().get();
        List<String> percentiles = List.of("p50", "p95", "p99", "max");
        List<String> names = servers.stream().map(Report::display).toList();
        for (String scenario : l.scenarios()) {
            Map<String, Map<String, Double>> values = new LinkedHashMap<>();
            for (String server : servers) {
                LoadRow row = LoadRow.of(l, scenario, server);
                List<Figure> figures = List.of(row.p50(), row.p95(), row.p99(), row.max());
                for (int i = 0; i < percentiles.size(); i++) {
                    values.computeIfAbsent(percentiles.get(i), k -> new LinkedHashMap<>())
                            .put(display(server), figures.get(i).median());
                }
            }
            chart(scenario + ": latency percentiles (ms)", "latency-" + scenario.toLowerCase(Locale.ROOT) + ".png",
                    "ms", percentiles, names, values, 410, 270);
        }
        Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
        Map<String, Map<String, Double>> rss = new LinkedHashMap<>();
        for (String scenario : l.scenarios()) {
            for (String server : servers) {
                LoadRow row = LoadRow.of(l, scenario, server);
                cpu.computeIfAbsent(scenario, k -> new LinkedHashMap<>()).put(display(server), row.cpu().median());
                rss.computeIfAbsent(scenario, k -> new LinkedHashMap<>()).put(display(server), row.rss().median());
            }
        }
        chart("CPU µs per request, per scenario", "cpu-per-request.png", "µs/request", l.scenarios(), names, cpu,
                700, 320);
        chart("Peak RSS per scenario (MB)", "rss.png", "MB", l.scenarios(), names, rss, 700, 320);
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

    // -------------------------------------------------------------------------------------------------------- JMH

    private void jmh() {
        doc.heading(2, "JMH microbenchmarks", "jmh");
        Phase<JmhResults> phase = in.jmh();
        if (!phase.ok()) {
            doc.para(Tone.FAIL, Text.plain("JMH phase: " + phase.failure()));
        }
        if (phase.data().isEmpty()) {
            return;
        }
        List<JmhResults.Result> results = phase.get().results();
        JmhResults.Result first = results.getFirst();
        doc.para(Tone.PLAIN, Text.plain("What each offload primitive of the kit costs in isolation (no HTTP). "
                        + first.forks() + " fork(s) × " + first.measurementIterations() + " measurement iteration(s) "
                        + "after " + first.warmupIterations() + " warm-up iteration(s): a quick set, for orders of "
                        + "magnitude, not publication. Raw JSON: "),
                Text.link(relative(phase.source()), relative(phase.source())));
        List<List<Text>> rows = new ArrayList<>();
        for (JmhResults.Result r : results) {
            String params = r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            // Below 3 iterations JMH computes no confidence interval: show the iterations' range instead.
            String error = !Double.isNaN(r.error()) ? " ± " + Figure.number(r.error())
                    : !Double.isNaN(r.low()) && r.low() != r.high()
                    ? " (range " + Figure.number(r.low()) + "–" + Figure.number(r.high()) + ")" : "";
            rows.add(List.of(Text.plain(r.shortName()), Text.plain(params.isEmpty() ? "—" : params),
                    Text.plain(r.mode()), Text.plain(String.valueOf(r.threads())),
                    Text.plain(Figure.number(r.score()) + error), Text.plain(r.unit()),
                    Text.plain("sample".equals(r.mode()) ? Figure.number(r.p99()) : "—"),
                    Text.plain(Double.isNaN(r.allocNorm()) ? "—" : Figure.number(r.allocNorm()))));
        }
        doc.table(new Doc.Table(List.of("benchmark", "params", "mode", "threads", "score ± error", "unit",
                "p99 (sample mode)", "alloc B/op"), rows, "± is JMH's 99.9 % confidence half-width; where JMH had "
                + "too few iterations to compute one, the range of the measured iterations is shown instead. Modes: "
                + "thrpt = operations per time unit, avgt / sample = time per operation. alloc B/op from -prof gc."));
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
            rows.add(row("load repetitions", repsNote(l)));
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
        doc.para(Tone.WARN, Text.plain("two shared cores bound every absolute figure here: the injector, the server "
                + "and the build share them. Read latency and CPU as ratios between the servers at the same rate."));
    }

    private static List<Text> row(String what, String value) {
        return List.of(Text.plain(what), Text.plain(value));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /**
     * a ÷ b of the medians. A zero on either side is below the measurement's resolution (Gatling reports whole ms),
     * so there is no meaningful ratio: "n/a", never "0.00×".
     */
    private static String ratio(Figure a, Figure b) {
        if (!a.present() || !b.present() || a.median() == 0 || b.median() == 0) {
            return "n/a";
        }
        return Figure.ratio(a.median() / b.median());
    }

    private static String percent(Figure share) {
        return share.present() ? Figure.number(100 * share.median()) + " %" : "n/a";
    }

    private static String mix(Map<String, Long> mix) {
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "—";
        }
        return mix.entrySet().stream().map(e -> e.getKey() + ": " + Figure.number(100.0 * e.getValue() / total)
                + " %").collect(Collectors.joining(", "));
    }

    /** A path relative to the report's folder, with forward slashes, so links work from disk on any OS. */
    private String relative(Path target) {
        Path base = in.outputDir().toAbsolutePath().normalize();
        return base.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
