package dev.offload.tck.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed message head: the start line and the header fields in order, duplicates kept.
 *
 * @param startLine  the request or status line
 * @param fields     every {@code name: value} line, trimmed
 * @param canonical  true when the head is exactly what a plain client sends: CRLF line ends, no blank line before
 *                   the start line, every field line with a colon, a numeric Content-Length. A proxy forwards only
 *                   canonical heads re-serialized; anything else must reach the server byte for byte.
 */
public record Head(String startLine, List<Map.Entry<String, String>> fields, boolean canonical) {

    /** Parses the bytes {@link Http1#readHead} collected (lines without a colon are dropped, non-canonical). */
    public static Head parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        boolean canonical = !text.startsWith("\r\n") && onlyCrlf(bytes);
        String[] lines = text.split("\r?\n");
        int first = 0;
        while (first < lines.length && lines[first].isEmpty()) {
            first++;
        }
        String start = first < lines.length ? lines[first] : "";
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            Map.Entry<String, String> field = field(lines[i]);
            if (field == null) {
                canonical = false;
            } else {
                fields.add(field);
            }
        }
        Head head = new Head(start, List.copyOf(fields), canonical);
        String length = head.first("Content-Length").orElse(null);
        if (length != null && !length.matches("\\d{1,18}")) {
            return new Head(start, head.fields, false);
        }
        return head;
    }

    /** {@code name: value} as a field (both trimmed), or null if the line is not one (no colon, or folded). */
    public static Map.Entry<String, String> field(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
            return null;
        }
        return new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }

    private static boolean onlyCrlf(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    /** Every value of field {@code name}, case-insensitively, in the order received. */
    public List<String> values(String name) {
        return values(fields, name);
    }

    public Optional<String> first(String name) {
        return values(name).stream().findFirst();
    }

    public static List<String> values(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /** Whether the body is chunked (Transfer-Encoding names chunked). */
    public static boolean chunked(List<String> transferEncodings) {
        return transferEncodings.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /** The declared Content-Length, -1 if there is none. */
    public static long contentLength(Optional<String> value) throws IOException {
        if (value.isEmpty()) {
            return -1;
        }
        String v = value.get().trim();
        if (!v.matches("\\d{1,18}")) {
            throw new IOException("Content-Length is \"" + Text.escape(v, 40) + "\", not a number of bytes");
        }
        return Long.parseLong(v);
    }

    public boolean chunked() {
        return chunked(values("Transfer-Encoding"));
    }

    public long contentLength() throws IOException {
        return contentLength(first("Content-Length"));
    }
}
