package dev.offload.scorecard;

import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.scorecard.Doc.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the CANCEL-3 disconnect watch costs (issue 13), a sub-section of the capacity one: WORK (the watch on)
 * against WORK_UNWATCHED (the same request, {@code watchDisconnect=off}) on each server. Rendered only when both
 * patterns ran (the full profile, or {@code patterns=} naming them).
 */
final class WatchCostSection {
    private final Doc doc;
    private final PerfData perf;
    private final List<String> servers;

    WatchCostSection(Doc doc, PerfData perf, List<String> servers) {
        this.doc = doc;
        this.perf = perf;
        this.servers = servers;
    }

    /**
     * CANCEL-3's price (issue 13): WORK (the disconnect watch on) against WORK_UNWATCHED (the same request with
     * {@code watchDisconnect=off}) on each server, capacity and CPU per request; a cost is called only when the
     * repetitions' ranges do not overlap.
     */
    void render() {
        if (!perf.patterns().containsAll(List.of("WORK", "WORK_UNWATCHED"))) {
            return;
        }
        doc.heading(3, "What the CANCEL-3 disconnect watch costs", "watch-cost");
        doc.para("WORK is GET /work?ms=0&stream=false (no work: the non-streaming request path) with the watch on, "
                + "the default; WORK_UNWATCHED the same on a server JVM started with watchDisconnect=off, in the same "
                + "repetition. Jetty's watch is a read probe on the connection, Helidon's a virtual thread blocked in "
                + "a read that the handler joins after the reply.");
        List<List<Text>> rows = new ArrayList<>();
        for (String server : servers) {
            Figure onRps = perf.capacity("WORK", server);
            Figure offRps = perf.capacity("WORK_UNWATCHED", server);
            Figure onCpu = perf.capacityCpu("WORK", server);
            Figure offCpu = perf.capacityCpu("WORK_UNWATCHED", server);
            rows.add(List.of(Text.plain(Report.display(server)), Text.plain(onRps.format()),
                    Text.plain(offRps.format()), Text.plain(onCpu.format()), Text.plain(offCpu.format()),
                    Text.plain(watchVerdict(onRps, offRps, onCpu, offCpu))));
        }
        doc.table(new Doc.Table(List.of("server", "watch on req/s", "watch off req/s", "watch on µs CPU/req",
                "watch off µs CPU/req", "cost of the watch"), rows, "Capacity at the SLA and CPU µs/request at it, "
                + "median over the repetitions (±x% = half the min–max range)."));
        // the cost to compare: the same work at the same rate, repetitions whose warm-up settled
        List<List<Text>> equal = new ArrayList<>();
        for (String server : servers) {
            for (int rate : perf.equalRates("WORK")) {
                Figure on = perf.equalRate("WORK", server, rate, EqualRate::cpuMicrosPerRequest);
                Figure off = perf.equalRate("WORK_UNWATCHED", server, rate, EqualRate::cpuMicrosPerRequest);
                equal.add(List.of(Text.plain(Report.display(server)), Text.plain(Figure.number(rate)),
                        Text.plain(on.format() + " (" + on.reps() + " reps)"),
                        Text.plain(off.format() + " (" + off.reps() + " reps)"),
                        Text.plain(watchVerdict(Figure.ABSENT, Figure.ABSENT, on, off))));
            }
        }
        doc.table(new Doc.Table(List.of("server", "equal rate req/s", "watch on µs CPU/req", "watch off µs CPU/req",
                "cost of the watch"), equal, "CPU µs/request at the same fixed rates, median over the repetitions "
                + "whose warm-up settled; a cost is called only with at least " + Figure.SIGNIFICANT_REPS
                + " such repetitions on each side and their ranges apart."));
    }

    static String watchVerdict(Figure onRps, Figure offRps, Figure onCpu, Figure offCpu) {
        if (!onCpu.present() || !offCpu.present()) {
            return "n/a";
        }
        List<String> parts = new ArrayList<>();
        if (onCpu.separatedFrom(offCpu)) {
            parts.add(String.format(Locale.ROOT, "%+.1f µs CPU/request", onCpu.median() - offCpu.median()));
        }
        if (onRps.present() && offRps.present() && onRps.separatedFrom(offRps)) {
            parts.add(String.format(Locale.ROOT, "capacity %+.0f %%", 100 * (onRps.median() / offRps.median() - 1)));
        }
        return parts.isEmpty() ? "no measurable difference" + (Math.min(onCpu.reps(), offCpu.reps())
                < Figure.SIGNIFICANT_REPS ? " (fewer than " + Figure.SIGNIFICANT_REPS + " reps)" : "")
                : String.join(", ", parts);
    }
}
