package dev.offload.tck;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import dev.offload.spec.MatrixJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conformance matrix: one row per behaviour ID (grade, title), one column per server, each cell the verdict
 * and its measured figure. Written as {@code matrix.json} (for tools, e.g. the scorecard), {@code matrix.md} and a
 * self-contained {@code matrix.html}.
 *
 * <p>matrix.json: {@code {"generatedAt", "servers":[{"name","base","scale","millis","summary","required":{"passed",
 * "total"},"recommended":{…}}], "behaviours":[{"id","grade","title","check","results":{"<server>":{"verdict",
 * "figure","value","unit","millis"}}}]}}.
 */
public final class Matrix {
    private Matrix() {
    }

    /** Writes the three files into {@code dir}; returns the path of matrix.html. */
    public static Path write(List<ServerReport> reports, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("matrix.json"), json(reports), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("matrix.md"), markdown(reports), StandardCharsets.UTF_8);
        Path html = dir.resolve("matrix.html");
        Files.writeString(html, html(reports), StandardCharsets.UTF_8);
        return html;
    }

    /** Reads the columns of an existing matrix.json (to add a column to it); IDs this catalogue lacks are dropped. */
    public static List<ServerReport> read(Path json) throws IOException {
        MatrixJson matrix = MatrixJson.parse(Probe.MAPPER.readTree(json.toFile()));
        List<ServerReport> reports = new ArrayList<>();
        for (MatrixJson.Server server : matrix.servers()) {
            List<Result> results = new ArrayList<>();
            for (MatrixJson.Row row : matrix.behaviours()) {
                MatrixJson.Cell cell = row.results().get(server.name());
                if (row.behaviour().isEmpty() || cell == null) {
                    continue;
                }
                Verdict v = new Verdict(Outcome.valueOf(cell.verdict()), cell.figure(), cell.value(), cell.unit());
                results.add(new Result(row.behaviour().get(), row.check(), v, cell.millis()));
            }
            reports.add(new ServerReport(server.name(), server.base(), server.scale(), results, server.millis()));
        }
        return reports;
    }

    /** {@code existing} with {@code added}'s columns replacing same-named ones and appended otherwise. */
    public static List<ServerReport> merge(List<ServerReport> existing, List<ServerReport> added) {
        Map<String, ServerReport> byName = new LinkedHashMap<>();
        existing.forEach(r -> byName.put(r.server(), r));
        added.forEach(r -> byName.put(r.server(), r));
        return List.copyOf(byName.values());
    }

    static String json(List<ServerReport> reports) throws IOException {
        ObjectNode root = Probe.MAPPER.createObjectNode();
        root.put("generatedAt", Instant.now().toString());
        ArrayNode servers = root.putArray("servers");
        for (ServerReport r : reports) {
            ObjectNode s = servers.addObject();
            s.put("name", r.server());
            s.put("base", r.base());
            s.put("scale", r.scale());
            s.put("millis", r.millis());
            s.put("summary", r.summary());
            for (Grade g : Grade.values()) {
                ObjectNode counts = s.putObject(g.name().toLowerCase());
                counts.put("passed", r.count(g, Outcome.PASS));
                counts.put("failed", r.count(g, Outcome.FAIL));
                counts.put("skipped", r.count(g, Outcome.SKIPPED));
                counts.put("error", r.count(g, Outcome.ERROR));
                counts.put("total", r.count(g));
            }
        }
        ArrayNode rows = root.putArray("behaviours");
        for (Behaviour b : Behaviour.values()) {
            ObjectNode row = rows.addObject();
            row.put("id", b.id());
            row.put("grade", b.grade().name());
            row.put("title", b.title());
            row.put("check", Tck.checks().stream().filter(c -> c.behaviour() == b).findFirst().map(Check::name)
                    .orElse(""));
            ObjectNode cells = row.putObject("results");
            for (ServerReport r : reports) {
                r.result(b).ifPresent(res -> {
                    ObjectNode cell = cells.putObject(r.server());
                    cell.put("verdict", res.outcome().name());
                    cell.put("figure", res.figure());
                    if (res.verdict().value() != null) {
                        cell.put("value", res.verdict().value());
                        cell.put("unit", res.verdict().unit());
                    }
                    cell.put("millis", res.millis());
                });
            }
        }
        return Probe.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    static String markdown(List<ServerReport> reports) {
        StringBuilder md = new StringBuilder("| ID | grade | behaviour |");
        reports.forEach(r -> md.append(' ').append(r.server()).append(" |"));
        md.append("\n|---|---|---|");
        reports.forEach(r -> md.append("---|"));
        md.append('\n');
        for (Behaviour b : Behaviour.values()) {
            md.append("| ").append(b.id()).append(" | ").append(b.grade()).append(" | ").append(cellText(b.title()))
                    .append(" |");
            for (ServerReport r : reports) {
                md.append(' ').append(r.result(b).map(res -> "**" + res.outcome() + "** " + cellText(res.figure()))
                        .orElse("–")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        reports.forEach(r -> md.append("- ").append(r.summary()).append('\n'));
        return md.toString();
    }

    private static String cellText(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static String html(List<ServerReport> reports) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Offload conformance matrix</title>
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;width:100%}
                th,td{border:1px solid #ccc;padding:6px 8px;vertical-align:top;text-align:left}
                th{background:#f3f3f3}
                .PASS b{color:#1a7f37}.FAIL b{color:#cf222e}.SKIPPED b{color:#9a6700}.ERROR b{color:#8250df}
                td.FAIL{background:#fff0f0}td.SKIPPED{background:#fffbe6}td.ERROR{background:#f5f0ff}
                .grade{font-size:12px;color:#555}.fig{font-size:12px;color:#444}
                </style></head><body>
                <h1>Offload conformance matrix</h1>
                """);
        h.append("<p>Generated ").append(esc(Instant.now().toString())).append(". One row per behaviour of SPEC.md,"
                + " one column per server; each cell is the verdict and what was measured. A REQUIRED FAIL fails the"
                + " build; a RECOMMENDED FAIL is reported only; SKIPPED says why the check could not run; ERROR means the server"
                + " did not start or stopped answering (also fatal when REQUIRED). Hover an ID"
                + " for its check method.</p>\n<ul>\n");
        reports.forEach(r -> h.append("<li>").append(esc(r.summary())).append(" — ").append(esc(r.base()))
                .append(", scale ").append(esc(r.scale())).append("</li>\n"));
        h.append("</ul>\n<table>\n<tr><th>ID</th><th>behaviour</th>");
        reports.forEach(r -> h.append("<th>").append(esc(r.server())).append("</th>"));
        h.append("</tr>\n");
        for (Behaviour b : Behaviour.values()) {
            String check = Tck.checks().stream().filter(c -> c.behaviour() == b).findFirst().map(Check::name)
                    .orElse("");
            h.append("<tr><td title=\"").append(esc(check)).append("\"><b>").append(b.id())
                    .append("</b><br><span class=\"grade\">").append(b.grade())
                    .append("</span></td><td>").append(esc(b.title())).append("</td>");
            for (ServerReport r : reports) {
                h.append(r.result(b).map(res -> "<td class=\"" + res.outcome() + "\"><b>" + res.outcome()
                        + "</b><br><span class=\"fig\">" + esc(res.figure()) + "</span></td>").orElse("<td>–</td>"));
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
