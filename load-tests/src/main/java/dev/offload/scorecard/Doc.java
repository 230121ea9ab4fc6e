package dev.offload.scorecard;

import java.util.ArrayList;
import java.util.List;

/**
 * The scorecard as a sequence of blocks, written once and rendered twice: {@link MarkdownRenderer} for
 * {@code scorecard.md} and {@link HtmlRenderer} for {@code index.html}. Keeping one model means the two files can
 * never disagree on a number.
 */
final class Doc {

    /** How a piece of text is shown: OK/FAIL/SKIP colour a verdict, WARN marks a figure to read with care. */
    enum Tone { PLAIN, OK, FAIL, SKIP, WARN }

    sealed interface Block permits Heading, Para, Table, Chart, Bullets {}

    record Heading(int level, String text, String anchor) implements Block {}

    record Para(Tone tone, List<Text> text) implements Block {}

    /** A list; {@code ordered} numbers it (a ranking). */
    record Bullets(boolean ordered, List<List<Text>> items) implements Block {}

    /**
     * A table; {@code note} is a one-line caption under it (units, what a ratio means). {@code alignNumbers}
     * right-aligns cells that start with a digit, for columns of figures; off for key/value tables.
     */
    record Table(List<String> headers, List<List<Text>> rows, String note, boolean alignNumbers) implements Block {
        Table(List<String> headers, List<List<Text>> rows, String note) {
            this(headers, rows, note, true);
        }
    }

    /** A PNG chart: embedded as a data URI in the HTML, written beside scorecard.md as {@code fileName}. */
    record Chart(String title, String fileName, byte[] png, String failure) implements Block {}

    /** A run of inline text: optionally a link, optionally coloured. */
    record Text(String text, Tone tone, String href) {
        static Text plain(String text) {
            return new Text(text, Tone.PLAIN, null);
        }

        static Text of(String text, Tone tone) {
            return new Text(text, tone, null);
        }

        static Text link(String text, String href) {
            return new Text(text, Tone.PLAIN, href);
        }
    }

    final String title;
    final List<Block> blocks = new ArrayList<>();

    Doc(String title) {
        this.title = title;
    }

    Doc heading(int level, String text, String anchor) {
        blocks.add(new Heading(level, text, anchor));
        return this;
    }

    Doc para(String text) {
        return para(Tone.PLAIN, Text.plain(text));
    }

    Doc para(Tone tone, Text... text) {
        blocks.add(new Para(tone, List.of(text)));
        return this;
    }

    Doc bullets(boolean ordered, List<List<Text>> items) {
        if (!items.isEmpty()) {
            blocks.add(new Bullets(ordered, items));
        }
        return this;
    }

    Doc table(Table table) {
        blocks.add(table);
        return this;
    }

    Doc chart(Chart chart) {
        blocks.add(chart);
        return this;
    }
}
