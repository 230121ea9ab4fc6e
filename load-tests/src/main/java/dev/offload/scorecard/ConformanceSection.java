package dev.offload.scorecard;

import dev.offload.scorecard.Doc.Text;
import dev.offload.scorecard.Doc.Tone;
import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The conformance matrix in full: each behaviour ID with each server's verdict and the figure its check measured. */
final class ConformanceSection {
    private final Doc doc;
    private final Phase<ConformanceMatrix> phase;
    private final List<String> servers;
    private final Function<Path, String> relative;

    ConformanceSection(Doc doc, Phase<ConformanceMatrix> phase, List<String> servers, Function<Path, String> relative) {
        this.doc = doc;
        this.phase = phase;
        this.servers = servers;
        this.relative = relative;
    }

    void render() {
        doc.heading(2, "Conformance matrix", "conformance");
        if (!phase.ok()) {
            doc.para(Tone.FAIL, Text.plain("conformance phase: " + phase.failure()));
        }
        if (phase.data().isEmpty()) {
            return;
        }
        ConformanceMatrix m = phase.get();
        Path html = phase.source().resolveSibling("matrix.html");
        doc.para(Tone.PLAIN, Text.plain("Each cell: the verdict and the figure the check measured. Source: "),
                Text.link(relative.apply(phase.source()), relative.apply(phase.source())), Text.plain(" · "),
                Text.link("the TCK's own matrix.html", relative.apply(html)));
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
}
