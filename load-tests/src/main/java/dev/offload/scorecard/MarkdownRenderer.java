package dev.offload.scorecard;

import java.util.List;
import java.util.stream.Collectors;

/** Renders a {@link Doc} as GitHub-flavoured Markdown; charts are referenced as files in {@code charts/}. */
final class MarkdownRenderer {

    private MarkdownRenderer() {}

    static String render(Doc doc) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(doc.title).append("\n\n");
        for (Doc.Block block : doc.blocks) {
            switch (block) {
                case Doc.Heading h -> out.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
                case Doc.Para p -> {
                    String prefix = switch (p.tone()) {
                        case FAIL -> "> **FAILED:** ";
                        case WARN -> "> **Warning:** ";
                        default -> "";
                    };
                    out.append(prefix).append(inline(p.text(), false)).append("\n\n");
                }
                case Doc.Bullets b -> {
                    int n = 0;
                    for (List<Doc.Text> item : b.items()) {
                        out.append(b.ordered() ? ++n + ". " : "- ").append(inline(item, false)).append('\n');
                    }
                    out.append('\n');
                }
                case Doc.Table t -> table(out, t);
                case Doc.Chart c -> {
                    if (c.png() != null) {
                        out.append("![").append(c.title()).append("](charts/").append(c.fileName()).append(")\n\n");
                    } else {
                        out.append("> **FAILED:** chart \"").append(c.title()).append("\" not drawn: ")
                                .append(c.failure()).append("\n\n");
                    }
                }
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Doc.Table t) {
        out.append("| ").append(t.headers().stream().map(MarkdownRenderer::cell).collect(Collectors.joining(" | ")))
                .append(" |\n");
        out.append("|").append("---|".repeat(t.headers().size())).append('\n');
        for (List<Doc.Text> row : t.rows()) {
            out.append("| ").append(row.stream().map(text -> inline(List.of(text), true))
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        if (t.note() != null) {
            out.append("\n").append(t.note()).append('\n');
        }
        out.append('\n');
    }

    private static String inline(List<Doc.Text> texts, boolean inTable) {
        StringBuilder out = new StringBuilder();
        for (Doc.Text text : texts) {
            String s = inTable ? cell(text.text()) : text.text();
            if (text.href() != null) {
                s = "[" + s + "](" + text.href().replace(" ", "%20") + ")";
            }
            s = switch (text.tone()) {
                case FAIL, WARN -> s.isEmpty() ? s : "**" + s + "**";
                default -> s;
            };
            out.append(s);
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
