package dev.offload.tck.wire;

import java.nio.charset.StandardCharsets;

/** Showing what arrived in a verdict: shortened, and with control bytes escaped so the bytes can be seen. */
public final class Text {
    private Text() {
    }

    /** {@code text} on one line, cut to {@code max} characters with "…" ({@code "null"} for null). */
    public static String abbreviate(String text, int max) {
        String s = text == null ? "null" : text.replaceAll("[\\r\\n]+", " ");
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** The first bytes as text with CR, LF, tab and other control or non-ASCII bytes escaped, e.g. {@code \r\n}. */
    public static String escape(byte[] bytes, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (b.length() >= max) {
                return b.append("… (").append(bytes.length).append(" bytes)").toString();
            }
            int c = bytes[i] & 0xff;
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (c >= 0x80) {
                        int end = utf8End(bytes, i);
                        if (end > i) {
                            b.append(new String(bytes, i, end - i + 1, StandardCharsets.UTF_8));
                            i = end;
                        } else {
                            b.append(String.format("\\x%02x", c));
                        }
                    } else {
                        b.append((char) c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code text} escaped the same way (its UTF-8 bytes). */
    public static String escape(String text, int max) {
        return text == null ? "null" : escape(text.getBytes(StandardCharsets.UTF_8), max);
    }

    /** The index of the last byte of a well-formed UTF-8 sequence starting at {@code i}, or -1. */
    private static int utf8End(byte[] bytes, int i) {
        int c = bytes[i] & 0xff;
        int extra = c >= 0xf0 && c < 0xf8 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
        if (c >= 0xf8 || extra < 0 || i + extra >= bytes.length) {
            return -1;
        }
        for (int k = 1; k <= extra; k++) {
            if ((bytes[i + k] & 0xc0) != 0x80) {
                return -1;
            }
        }
        return i + extra;
    }
}
