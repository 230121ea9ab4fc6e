package dev.offload.scorecard;

import dev.offload.scorecard.Doc.Text;
import dev.offload.scorecard.Doc.Tone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Gatling behaviour runs in the scorecard: latency and outcome per scenario at its fixed rate, server-side cost,
 * the behaviour figures each scenario exists for (503 share, 408 overshoot, fan-out overhead, drain accounting), the
 * HTML reports, and their charts.
 */
final class BehaviourSection {
    private final Report.Inputs in;
    private final Doc doc;
    private final List<String> servers;
    private final PerfSection.Charting charting;
    private final Function<Path, String> relative;

    BehaviourSection(Report.Inputs in, Doc doc, List<String> servers, PerfSection.Charting charting,
                     Function<Path, String> relative) {
        this.in = in;
        this.doc = doc;
        this.servers = servers;
        this.charting = charting;
        this.relative = relative;
    }

    private static String display(String server) {
        return Report.display(server);
    }

    private String relative(Path target) {
        return relative.apply(target);
    }

    private void chart(String title, String file, String axis, List<String> categories, List<String> series,
                       Map<String, Map<String, Double>> values, int width, int height) {
        charting.chart(title, file, axis, categories, series, values, width, height);
    }

    void load() {
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
                        r -> percent(r.extra(LoadResults.REJECTED_SHARE))),
                new Line("POOL", "POOL 503 p99 ms", r -> r.extra(LoadResults.REJECTED_P99).format()),
                new Line("POOL", "POOL accepted (202) / lost jobs",
                        r -> r.extra(LoadResults.POOL_ACCEPTED).format() + " / "
                                + r.extra(LoadResults.LOST).format()),
                new Line("TIMEOUT", "TIMEOUT 408 overshoot past the deadline, p99 ms",
                        r -> r.extra(LoadResults.OVERSHOOT_P99).format() + " (deadline "
                                + r.extra(LoadResults.DEADLINE).format() + " ms)"),
                new Line("FAN", "FAN p99 minus the slower child, ms", BehaviourSection::fanOverhead),
                new Line("DRAIN", "DRAIN accepted / completed / abandoned",
                        r -> r.extra(LoadResults.DRAIN_ACCEPTED).format() + " / "
                                + r.extra(LoadResults.COMPLETED).format() + " / "
                                + r.extra(LoadResults.ABANDONED).format()));
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
        Figure child = r.extra(LoadResults.SLOWER_CHILD);
        if (!child.present() || !r.p99().present()) {
            return "n/a";
        }
        Figure gap = r.figure(run -> run.p99() - LoadResults.SLOWER_CHILD.applyAsDouble(run));
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

    static String repsNote(LoadResults l) {
        List<Integer> reps = l.runs().stream().map(LoadResults.Run::rep).distinct().toList();
        return reps.size() + (reps.size() == 1 ? " repetition (no spread to show)" : " fresh-JVM repetitions");
    }

    void charts() {
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
}
