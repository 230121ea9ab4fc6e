package dev.offload.scorecard;

import java.util.Base64;
import java.util.List;

/**
 * Renders a {@link Doc} as one self-contained HTML page: CSS inline, charts as PNG data URIs, no script and no
 * external resource, so it opens from disk on a machine without network. Links point only at files of the same build
 * (Gatling reports, JMH JSON, the TCK matrix), relative to the page.
 */
final class HtmlRenderer {

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1320px;
              color:#1d232a;line-height:1.4;padding:0 16px}
            h1{font-size:26px;margin-bottom:4px}h2{font-size:20px;margin-top:34px;border-bottom:2px solid #d8dee4;
              padding-bottom:4px}h3{font-size:16px;margin-top:22px}
            nav{font-size:13px;margin:8px 0 18px}nav a{margin-right:14px}
            table{border-collapse:collapse;font-size:12.5px;margin:8px 0 4px}
            th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top}
            th{background:#f3f5f7}tr:nth-child(even) td{background:#fafbfc}
            td:first-child{white-space:nowrap}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .OK{color:#116329;font-weight:bold}.FAIL{color:#b3261e;font-weight:bold}.SKIP{color:#6e7781}
            .WARN{color:#9a6700;font-weight:bold}
            p.FAIL,p.WARN{border-left:5px solid;padding:6px 10px;font-weight:normal}
            p.FAIL{background:#ffebe9;border-color:#b3261e}p.WARN{background:#fff8c5;border-color:#bf8700}
            .note{font-size:12px;color:#57606a;margin:2px 0 12px}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0;border:1px solid #d0d7de;padding:6px;background:#fff}
            ul,ol{margin-top:4px}
            """;

    private HtmlRenderer() {}

    static String render(Doc doc) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(doc.title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n<h1>").append(esc(doc.title)).append("</h1>\n<nav>");
        for (Doc.Block block : doc.blocks) {
            if (block instanceof Doc.Heading h && h.level() == 2 && h.anchor() != null) {
                out.append("<a href=\"#").append(h.anchor()).append("\">").append(esc(h.text())).append("</a>");
            }
        }
        out.append("</nav>\n");
        boolean inCharts = false;
        for (Doc.Block block : doc.blocks) {
            // Consecutive charts share one flex row so small multiples sit side by side.
            if (block instanceof Doc.Chart != inCharts) {
                out.append(inCharts ? "</div>\n" : "<div class=\"charts\">\n");
                inCharts = !inCharts;
            }
            switch (block) {
                case Doc.Heading h -> out.append("<h").append(h.level())
                        .append(h.anchor() == null ? "" : " id=\"" + h.anchor() + "\"").append('>')
                        .append(esc(h.text())).append("</h").append(h.level()).append(">\n");
                case Doc.Para p -> out.append("<p class=\"").append(p.tone()).append("\">")
                        .append(p.tone() == Doc.Tone.FAIL ? "<b>FAILED:</b> " : "")
                        .append(p.tone() == Doc.Tone.WARN ? "<b>Warning:</b> " : "")
                        .append(inline(p.text())).append("</p>\n");
                case Doc.Bullets b -> {
                    String list = b.ordered() ? "ol" : "ul";
                    out.append('<').append(list).append('>');
                    for (List<Doc.Text> item : b.items()) {
                        out.append("<li>").append(inline(item)).append("</li>");
                    }
                    out.append("</").append(list).append(">\n");
                }
                case Doc.Table t -> table(out, t);
                case Doc.Chart c -> {
                    out.append("<figure>");
                    if (c.png() != null) {
                        out.append("<img alt=\"").append(esc(c.title())).append("\" src=\"data:image/png;base64,")
                                .append(Base64.getEncoder().encodeToString(c.png())).append("\">");
                    } else {
                        out.append("<p class=\"FAIL\"><b>FAILED:</b> chart \"").append(esc(c.title()))
                                .append("\" not drawn: ").append(esc(c.failure())).append("</p>");
                    }
                    out.append("</figure>\n");
                }
            }
        }
        if (inCharts) {
            out.append("</div>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder out, Doc.Table t) {
        out.append("<table><thead><tr>");
        for (String header : t.headers()) {
            out.append("<th>").append(esc(header)).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (List<Doc.Text> row : t.rows()) {
            out.append("<tr>");
            for (Doc.Text cell : row) {
                out.append(t.alignNumbers() && looksNumeric(cell.text()) ? "<td class=\"num\">" : "<td>")
                        .append(inline(List.of(cell))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        if (t.note() != null) {
            out.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
        }
    }

    private static String inline(List<Doc.Text> texts) {
        StringBuilder out = new StringBuilder();
        for (Doc.Text text : texts) {
            String s = esc(text.text());
            if (text.href() != null) {
                s = "<a href=\"" + esc(text.href().replace(" ", "%20")) + "\">" + s + "</a>";
            }
            if (text.tone() != Doc.Tone.PLAIN) {
                s = "<span class=\"" + text.tone() + "\">" + s + "</span>";
            }
            out.append(s);
        }
        return out.toString();
    }

    /** Right-aligns cells that start with a number, so columns of figures line up. */
    private static boolean looksNumeric(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || (s.length() > 1 && (s.charAt(0) == '-'
                || s.charAt(0) == '+' || s.charAt(0) == '×') && Character.isDigit(s.charAt(1))));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
