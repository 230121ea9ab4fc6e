package dev.offload.scorecard;

import dev.offload.scorecard.Doc.Text;
import dev.offload.scorecard.Doc.Tone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What each kit primitive costs in isolation: the JMH quick set's scores with their error or range. */
final class JmhSection {
    private final Doc doc;
    private final Phase<JmhResults> phase;
    private final Function<Path, String> relative;

    JmhSection(Doc doc, Phase<JmhResults> phase, Function<Path, String> relative) {
        this.doc = doc;
        this.phase = phase;
        this.relative = relative;
    }

    void render() {
        doc.heading(2, "JMH microbenchmarks", "jmh");
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
                Text.link(relative.apply(phase.source()), relative.apply(phase.source())));
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
}
