package dev.offload.scorecard;

import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.EqualRateStatus;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.SoakStatus;
import dev.offload.load.results.PerfRecords.Step;
import dev.offload.scorecard.Doc.Text;
import dev.offload.scorecard.Doc.Tone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scorecard's performance half, in the order a team sizing hardware reads it: capacity per core at the SLA, cost
 * at equal fixed rates, cost growth over a soak. Every figure is a median over fresh-JVM repetitions with its range;
 * a difference between servers is called only when the ranges do not overlap ({@link Figure#separatedFrom}).
 */
final class PerfSection {
    private final Doc doc;
    private final PerfData perf;
    private final List<String> servers;
    private final Charting charting;

    /** Draws a bar chart into the document (the report's own helper, so a chart failure is shown, not thrown). */
    interface Charting {
        void chart(String title, String file, String axis, List<String> categories, List<String> series,
                   Map<String, Map<String, Double>> values, int width, int height);
    }

    PerfSection(Doc doc, PerfData perf, List<String> servers, Charting charting) {
        this.doc = doc;
        this.perf = perf;
        this.servers = servers;
        this.charting = charting;
    }

    /**
     * "Helidon 1.99× higher" (or "costlier") when separated, else "no measurable difference"; "n/a" when a side has
     * no figure.
     */
    String compare(Figure a, Figure b, boolean higherIsBetter) {
        if (servers.size() < 2 || !a.present() || !b.present()) {
            return "n/a";
        }
        if (!a.separatedFrom(b)) {
            return "no measurable difference" + (Math.min(a.reps(), b.reps()) < Figure.SIGNIFICANT_REPS
                    ? " (fewer than " + Figure.SIGNIFICANT_REPS + " reps)" : "");
        }
        boolean aHigher = a.median() > b.median();
        double ratio = Math.max(a.median(), b.median()) / Math.min(a.median(), b.median());
        String who = Report.display(servers.get(aHigher ? 0 : 1));
        return who + " " + Figure.ratio(ratio) + (higherIsBetter ? " higher" : " costlier");
    }

    /** The capacity table's last column: a call, "no measurable difference", or why it was not compared. */
    private String capacityDifference(String pattern, List<Figure> caps) {
        if (caps.size() != 2) {
            return "n/a";
        }
        var call = perf.capacityCall(pattern, servers.get(0), servers.get(1));
        if (call.isPresent()) {
            return describe(call.get());
        }
        boolean limited = servers.stream().anyMatch(s -> perf.generatorLimited(pattern, s));
        return limited ? "not compared (a lower bound)" : compare(perf.driftCorrectedCapacity(pattern, servers.get(0)),
                perf.driftCorrectedCapacity(pattern, servers.get(1)), true);
    }

    static String describe(PerfData.CapacityCall call) {
        return Report.display(call.higher()) + (call.lowerBound() ? " ≥ " : " ") + Figure.ratio(call.ratio())
                + " higher" + (call.lowerBound() ? " (from a lower bound)" : "");
    }

    void capacity() {
        doc.heading(2, "Capacity per core at the SLA", "capacity");
        if (perf.capacity().isEmpty()) {
            doc.para(Tone.WARN, Text.plain("no capacity phase in these results (phases=behaviour only, or an older "
                    + "results.json)"));
            return;
        }
        doc.para("The highest constant rate each server sustains with p99 ≤ " + Figure.number(perf.sla().maxP99Ms())
                + " ms, " + perf.sla().maxErrors() + " errors and ≥ " + Math.round(100 * perf.sla().minAchievedShare())
                + " % of the offered rate achieved, " + pinningNote() + ". Hyperfoil 0.25.2 drives open-model "
                + "constant-rate steps from its own JVM: a warm-up, a discovery ramp (×2 per step), then a bisection. "
                + "CPU µs/request is the server process's CPU time in the best step ÷ its responses. "
                + "GENERATOR_LIMITED: "
                + "the injector, not the server, set the ceiling, so the figure is only a lower bound.");
        doc.para(driftNote());
        hostNote().ifPresent(doc::para);
        List<List<Text>> rows = new ArrayList<>();
        Map<String, Map<String, Double>> rps = new LinkedHashMap<>();
        Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
        for (String pattern : perf.patterns()) {
            List<Text> row = new ArrayList<>(List.of(Text.plain(pattern + boundNote(pattern))));
            List<Figure> caps = new ArrayList<>();
            for (String server : servers) {
                Figure c = perf.capacity(pattern, server);
                Figure u = perf.capacityCpu(pattern, server);
                caps.add(c);
                long failed = perf.capacityFailures(pattern, server);
                String value = c.format() + (perf.generatorLimited(pattern, server) ? " GENERATOR_LIMITED" : "")
                        + unsettledNote(perf.unsettledWarmups(pattern, server));
                row.add(failed > 0 && !c.present() ? Text.of("FAILED", Tone.FAIL)
                        : Text.of((perf.generatorLimited(pattern, server) ? "≥ " : "") + value,
                        perf.generatorLimited(pattern, server) || failed > 0 ? Tone.WARN : Tone.PLAIN));
                row.add(Text.plain(u.format()));
                rps.computeIfAbsent(pattern, k -> new LinkedHashMap<>()).put(Report.display(server), c.median());
                cpu.computeIfAbsent(pattern, k -> new LinkedHashMap<>()).put(Report.display(server), u.median());
            }
            row.add(Text.plain(capacityDifference(pattern, caps)));
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of("pattern"));
        servers.forEach(s -> {
            headers.add(Report.display(s) + " req/s");
            headers.add(Report.display(s) + " µs CPU/req");
        });
        headers.add("difference");
        doc.table(new Doc.Table(headers, rows, "Median over the fresh-JVM repetitions, ±x% = half the min–max range. "
                + "A difference is called only when the repetitions' ranges do not overlap (at least "
                + Figure.SIGNIFICANT_REPS + " each)."));
        List<String> names = servers.stream().map(Report::display).toList();
        charting.chart("Capacity at the SLA, one server core (req/s)", "capacity.png", "req/s", perf.patterns(),
                names, rps, 700, 320);
        charting.chart("CPU µs per request at capacity", "capacity-cpu.png", "µs/request", perf.patterns(), names,
                cpu, 700, 320);
    }

    void equalRate() {
        doc.heading(2, "Cost at equal rates", "equal-rate");
        if (perf.equalRate().isEmpty()) {
            doc.para(Tone.WARN, Text.plain("no equal-rate phase in these results"));
            return;
        }
        doc.para("Every server at the same fixed rates per pattern (about 25 % and 50 % of the slower server's "
                + "capacity on the reference machine), right after that pattern's capacity search, so the JVM is hot. "
                + "The warm-up is verified: of windows run back to back, the first two consecutive ones that agree on "
                + "CPU µs/request within 10 % give the figure (their mean); "
                + "a pattern that never settles is UNSTABLE and left out of the median. "
                + "Ratios compare equal rates only.");
        List<List<Text>> rows = new ArrayList<>();
        Map<String, Map<String, Double>> chart = new LinkedHashMap<>();
        for (String pattern : perf.patterns()) {
            for (int rate : perf.equalRates(pattern)) {
                List<Text> row = new ArrayList<>(List.of(Text.plain(pattern), Text.plain(Figure.number(rate)
                        + share(pattern, rate))));
                List<Figure> costs = new ArrayList<>();
                for (String server : servers) {
                    Figure c = perf.equalRate(pattern, server, rate, EqualRate::cpuMicrosPerRequest);
                    costs.add(c);
                    row.add(Text.plain(c.format()));
                    row.add(Text.plain(perf.equalRate(pattern, server, rate, EqualRate::p99Ms).format()));
                    row.add(statusText(perf.equalRates(pattern, server, rate)));
                    chart.computeIfAbsent(pattern + " @" + Figure.number(rate), k -> new LinkedHashMap<>())
                            .put(Report.display(server), c.median());
                }
                row.add(Text.plain(costs.size() == 2 ? compare(costs.get(0), costs.get(1), false) : "n/a"));
                rows.add(row);
            }
        }
        List<String> headers = new ArrayList<>(List.of("pattern", "rate req/s"));
        servers.forEach(s -> {
            headers.add(Report.display(s) + " µs CPU/req");
            headers.add(Report.display(s) + " p99 ms");
            headers.add(Report.display(s) + " warm-up");
        });
        headers.add("CPU difference");
        doc.table(new Doc.Table(headers, rows, "warm-up: repetitions whose windows settled / all; UNSTABLE and FAILED "
                + "(the rate missed the SLA on that server) are counted, not averaged in."));
        charting.chart("CPU µs per request at equal rates", "equal-rate-cpu.png", "µs/request",
                List.copyOf(chart.keySet()), servers.stream().map(Report::display).toList(), chart, 760, 340);
    }

    /** Sentences for the verdict, each derived from the data and saying no more than it measured. */
    List<String> verdictLines() {
        List<String> lines = new ArrayList<>();
        if (servers.size() == 2 && !perf.capacity().isEmpty()) {
            List<String> called = new ArrayList<>();
            List<String> same = new ArrayList<>();
            for (String pattern : perf.patterns()) {
                Figure a = perf.capacity(pattern, servers.get(0));
                Figure b = perf.capacity(pattern, servers.get(1));
                boolean limited = servers.stream().anyMatch(s -> perf.generatorLimited(pattern, s));
                var call = perf.capacityCall(pattern, servers.get(0), servers.get(1));
                if (call.isPresent()) {
                    called.add(pattern + " (" + describe(call.get()) + ": " + (limited ? "≥ " : "")
                            + Figure.number(call.get().high().median()) + " vs "
                            + Figure.number(call.get().low().median()) + " req/s)");
                } else {
                    same.add(pattern + (limited ? " (GENERATOR_LIMITED)" : ""));
                }
            }
            lines.add("Capacity on one core: " + (called.isEmpty() ? "no measurable difference in any pattern"
                    : String.join("; ", called)) + (same.isEmpty() || called.isEmpty() ? ""
                    : "; no measurable difference in " + String.join(", ", same)) + ".");
        }
        if (!perf.soak().isEmpty()) {
            List<String> grows = perf.soak().stream().filter(s -> s.status() != SoakStatus.FLAT)
                    .map(s -> s.pattern() + " on " + Report.display(s.server()) + " " + s.status()).toList();
            lines.add("Cost growth: " + (grows.isEmpty() ? "every pattern stayed flat (±20 %) on every server over "
                    + perf.soak().getFirst().windows().size() + " windows" : String.join(", ", grows)) + ".");
        }
        long unstable = perf.equalRate().stream().filter(e -> e.status() != EqualRateStatus.OK).count();
        if (unstable > 0) {
            lines.add("Equal-rate: " + unstable + " of " + perf.equalRate().size() + " runs UNSTABLE or FAILED (left "
                    + "out of the medians).");
        }
        return lines;
    }

    private String pinningNote() {
        return perf.pinning() == null || !perf.pinning().pinned()
                ? "server and injector NOT pinned (" + (perf.pinning() == null ? "not recorded"
                : perf.pinning().note()) + ")" : perf.pinning().note();
    }

    /** How far the machine's speed moved during the run, and what the calls do about it. */
    private String driftNote() {
        Figure probe = perf.probe();
        if (!perf.driftCorrected()) {
            return "No machine-speed probe readings in these results: capacities are compared as measured, so a "
                    + "difference may be the machine's drift between repetitions.";
        }
        return "The machine's own speed, read on the server's CPU around every search (a fixed piece of work, "
                + "SpeedProbe): median " + Figure.number(probe.median()) + " µs, from " + Figure.number(probe.min())
                + " to " + Figure.number(probe.max()) + " µs (" + Figure.ratio(probe.max() / probe.min())
                + "). Differences are called on drift-corrected capacities, each repetition's rate × its reading ÷ "
                + "the median; the table shows the rates as measured.";
    }

    /** Steps the hypervisor disturbed (steal in /proc/stat): what they were and what the orchestrator did. */
    private Optional<String> hostNote() {
        PerfData.HostDisturbance host = perf.hostDisturbance();
        if (host.read() == 0) {
            return Optional.empty();
        }
        return Optional.of("The host (the hypervisor) gave a CPU of this machine to another guest (steal ≥ "
                + Math.round(100 * Step.HOST_DISTURBED) + " % of a CPU, from /proc/stat) in " + host.disturbed()
                + " of " + host.read() + " search steps and equal-rate windows, at most "
                + Math.round(100 * host.largest()) + " %. Such a step says more about the host than the server: a "
                + "search step it disturbed that missed the SLA is re-run once the host is quiet (" + host.reRun()
                + " here), and an equal-rate window that missed while disturbed neither fails its rate nor sets its "
                + "figure.");
    }

    private static String unsettledNote(long unsettled) {
        return unsettled == 0 ? "" : " (" + unsettled + " warm-up" + (unsettled > 1 ? "s" : "") + " not settled)";
    }

    private static String boundNote(String pattern) {
        return pattern.equals("FAN") ? " (concurrency-bound: in-flight requests × 5 ms child, not CPU)" : "";
    }

    /** The equal rate as a share of the lower server's median capacity for that pattern. */
    private String share(String pattern, int rate) {
        double lower = servers.stream().map(s -> perf.capacity(pattern, s)).filter(Figure::present)
                .mapToDouble(Figure::median).min().orElse(Double.NaN);
        return Double.isNaN(lower) ? "" : " (" + Math.round(100 * rate / lower) + " %)";
    }

    private static Text statusText(List<EqualRate> runs) {
        long ok = runs.stream().filter(e -> e.status() == EqualRateStatus.OK).count();
        long unstable = runs.stream().filter(e -> e.status() == EqualRateStatus.UNSTABLE).count();
        String text = ok + "/" + runs.size() + (unstable > 0 ? ", " + unstable + " UNSTABLE" : "")
                + (runs.size() - ok - unstable > 0 ? ", " + (runs.size() - ok - unstable) + " FAILED" : "");
        return Text.of(text, ok == runs.size() ? Tone.PLAIN : Tone.WARN);
    }
}
