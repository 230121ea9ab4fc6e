package dev.offload.scorecard;

import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.SoakStatus;
import dev.offload.load.results.PerfRecords.SoakWindow;
import dev.offload.scorecard.Doc.Text;
import dev.offload.scorecard.Doc.Tone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Cost growth over a soak: per pattern and server, first to last window of CPU µs/request, p99 and heap after GC
 * with the FLAT / GROWS verdict, and a chart per pattern over the windows.
 */
final class SoakSection {
    private final Doc doc;
    private final PerfData perf;
    private final List<String> servers;
    private final PerfSection.Charting charting;

    SoakSection(Doc doc, PerfData perf, List<String> servers, PerfSection.Charting charting) {
        this.doc = doc;
        this.perf = perf;
        this.servers = servers;
        this.charting = charting;
    }

    void render() {
        doc.heading(2, "Cost growth over a soak", "growth");
        if (perf.soak().isEmpty()) {
            doc.para(Tone.WARN, Text.plain("no soak phase in these results"));
            return;
        }
        doc.para("A fresh server per pattern holds 60 % of its median capacity for consecutive windows. Pass bar: the "
                + "last windows' CPU µs/request within ±20 % of the first ones (medians of three at each end, after "
                + "a warm-up), less the server's JIT compiler threads (a recompilation is not a cost of the work "
                + "done) and divided by the machine's own drift over the soak (a fixed piece of work timed on the "
                + "server's CPU before and after the windows; the injector's change of CPU per request in results "
                + "without those readings), throughput not down by more than 20 %, and heap after GC "
                + "(from the server's GC log) growing by at most 48 MiB. A cost that grows with the work done, like an "
                + "O(n) structure or a leak, shows here and nowhere else.");
        List<List<Text>> rows = new ArrayList<>();
        for (String pattern : perf.patterns()) {
            for (String server : servers) {
                Soak s = perf.soak(pattern, server);
                if (s == null) {
                    continue;
                }
                rows.add(List.of(Text.plain(pattern), Text.plain(Report.display(server)),
                        Text.plain(Figure.number(s.rateRps())), Text.plain(Integer.toString(s.windows().size())),
                        Text.plain(firstLast(s, w -> w.step().cpuMicrosPerRequest())),
                        Text.plain(growth(s)),
                        Text.plain(firstLast(s, w -> w.step().p99Ms())),
                        Text.plain(firstLast(s, w -> w.heapAfterGcBytes() == null ? null
                                : w.heapAfterGcBytes() / (1024.0 * 1024))),
                        Text.of(s.status() + (s.failure() == null ? "" : ": " + s.failure()),
                                s.status() == SoakStatus.FLAT ? Tone.OK : Tone.FAIL)));
            }
        }
        doc.table(new Doc.Table(List.of("pattern", "server", "req/s", "windows", "µs CPU/req window 1 → last",
                "CPU last ÷ first (less JIT, ÷ drift = judged)", "p99 ms first → last",
                "heap after GC MiB first → last", "verdict"), rows, null));
        List<String> names = servers.stream().map(Report::display).toList();
        for (String pattern : perf.patterns()) {
            Map<String, Map<String, Double>> values = new LinkedHashMap<>();
            List<String> windows = new ArrayList<>();
            for (String server : servers) {
                Soak s = perf.soak(pattern, server);
                if (s == null) {
                    continue;
                }
                for (SoakWindow w : s.windows()) {
                    String label = Integer.toString(w.index());
                    if (!windows.contains(label)) {
                        windows.add(label);
                    }
                    values.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(Report.display(server),
                            w.step().cpuMicrosPerRequest() == null ? Double.NaN : w.step().cpuMicrosPerRequest());
                }
            }
            if (!windows.isEmpty()) {
                charting.chart(pattern + ": CPU µs/request per soak window", "growth-"
                        + pattern.toLowerCase(Locale.ROOT) + ".png", "µs/request", windows, names, values, 560, 260);
            }
        }
    }

    private static String firstLast(Soak s, Function<SoakWindow, Double> figure) {
        Double first = s.windows().stream().map(figure).filter(v -> v != null).findFirst().orElse(null);
        Double last = s.windows().reversed().stream().map(figure).filter(v -> v != null).findFirst().orElse(null);
        return (first == null ? "n/a" : Figure.number(first)) + " → " + (last == null ? "n/a" : Figure.number(last));
    }

    /**
     * "1.27× (÷ probe 1.20× = 1.06×)": the server's growth as measured, the machine's drift (the speed probe's, or
     * the injector's in results without probe readings), and what the bar judged (the server's growth less its JIT
     * threads', divided by that drift).
     */
    private static String growth(Soak s) {
        if (s.cpuGrowth() == null) {
            return "n/a";
        }
        Double drift = s.probeGrowth() != null ? s.probeGrowth() : s.injectorCpuGrowth();
        return Figure.ratio(s.cpuGrowth()) + (drift == null || s.judgedGrowth() == null ? ""
                : " (÷ " + (s.probeGrowth() != null ? "probe " : "injector ") + Figure.ratio(drift) + " = "
                + Figure.ratio(s.judgedGrowth()) + ")");
    }
}
