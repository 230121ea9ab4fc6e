package dev.offload.helidon;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 9112's framing of the request byte stream, tracked independently of Helidon's own parser (WIRE-1..4). It tells
 * {@link WireGuard} how many bytes of what arrived belong to the current request, so Helidon never holds bytes of
 * the next request while it answers this one, and where the stream must end: after a head it cannot frame
 * unambiguously (Helidon then refuses it and closes), at the first byte of a chunked-framing fault (Helidon then
 * sees the body end early: 400 and a close), after a chunk size line or declared length over {@code maxBodyBytes}.
 */
final class RequestFraming {
    /** Where in a request the stream is; the guard times each phase with its own bound. */
    enum Phase { IDLE, HEAD, BODY }

    private enum State { IDLE, HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILER, CUT }

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_LINE = 4096;
    /** CR LF CR LF as the last four bytes seen: the head is complete. */
    static final int HEAD_END = 0x0D0A0D0A;

    private final int maxBodyBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.IDLE;
    /** The last four head bytes, oldest in the high byte: no copy of the head per byte. */
    private int tail;
    private long remaining;
    private long bodyBytes;
    private boolean closeAfter;
    private boolean headRequest;
    private boolean upgrade;
    private boolean cutAfterHead;
    private String cutReason;

    RequestFraming(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    Phase phase() {
        return switch (state) {
            case IDLE, CUT -> Phase.IDLE;
            case HEAD -> Phase.HEAD;
            default -> Phase.BODY;
        };
    }

    /** True between requests: the previous one is complete (head and body), the next has not begun. */
    boolean atBoundary() {
        return state == State.IDLE;
    }

    /** No byte may pass any more: the stream ends here for Helidon. */
    boolean cut() {
        return state == State.CUT;
    }

    String cutReason() {
        return cutReason;
    }

    /** The last complete head asked for the connection to close, or was a HEAD / an upgrade request. */
    boolean closeAfter() {
        return closeAfter;
    }

    boolean headRequest() {
        return headRequest;
    }

    boolean upgrade() {
        return upgrade;
    }

    /** Ends the stream at the next byte (an answer said Connection: close, or answered before the body ended). */
    void cutNow(String reason) {
        state = State.CUT;
        cutReason = reason;
    }

    /**
     * How many of {@code len} bytes from {@code off} belong to the current request and may pass; stops at the end
     * of the request ({@link #atBoundary()} then true) or at a cut. {@code headComplete} is told when a head ends.
     */
    int accept(byte[] b, int off, int len, Runnable headComplete) {
        int i = off;
        int end = off + len;
        while (i < end && state != State.CUT) {
            switch (state) {
                case IDLE -> {
                    if (b[i] == '\r' || b[i] == '\n') {
                        i++; // empty lines before a request line are ignored (RFC 9112 section 2.2)
                        continue;
                    }
                    line.reset();
                    tail = 0;
                    state = State.HEAD;
                }
                case HEAD -> {
                    // bulk: find the blank line that ends the head, carrying the last four bytes across reads
                    int start = i;
                    int stop = Math.min(end, i + MAX_HEAD + 1 - line.size());
                    while (i < stop && tail != HEAD_END) {
                        tail = (tail << 8) | (b[i++] & 0xff);
                    }
                    line.write(b, start, i - start);
                    if (tail == HEAD_END) {
                        tail = 0;
                        frame(line.toByteArray());
                        headComplete.run();
                        if (cutAfterHead) {
                            cutNow("unframeable head");
                        }
                        // the head alone: body bytes pass only when Helidon reads the body, so an answer given
                        // before that is known to be early
                        return i - off;
                    } else if (line.size() > MAX_HEAD) {
                        cutNow("head larger than " + MAX_HEAD + " bytes");
                        return i - off;
                    }
                }
                case LENGTH -> {
                    int n = (int) Math.min(remaining, end - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.IDLE;
                        return i - off;
                    }
                }
                case CHUNK_SIZE, TRAILER -> {
                    byte c = b[i];
                    if (c == '\n') {
                        byte[] l = line.toByteArray();
                        if (l.length == 0 || l[l.length - 1] != '\r') {
                            return fault(i, off, "chunk line without CRLF");
                        }
                        i++;
                        String text = new String(l, 0, l.length - 1, StandardCharsets.ISO_8859_1);
                        line.reset();
                        if (state == State.TRAILER) {
                            if (text.isEmpty()) {
                                state = State.IDLE;
                                return i - off;
                            }
                            if (text.indexOf(':') <= 0 || text.indexOf('\r') >= 0 || text.charAt(0) == ' ') {
                                return fault(i - 1, off, "malformed trailer field");
                            }
                        } else if (!chunkSize(text)) {
                            return fault(i - 1, off, "chunk size '" + text + "'");
                        } else if (cutAfterHead) {
                            cutNow("chunked body over maxBodyBytes");
                            return i - off;
                        }
                    } else {
                        line.write(c);
                        i++;
                        if (line.size() > MAX_LINE) {
                            return fault(i, off, "chunk line too long");
                        }
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_CR;
                    }
                }
                case CHUNK_CR -> {
                    if (b[i] != '\r') {
                        return fault(i, off, "no CRLF after chunk data");
                    }
                    i++;
                    state = State.CHUNK_LF;
                }
                case CHUNK_LF -> {
                    if (b[i] != '\n') {
                        return fault(i, off, "no CRLF after chunk data");
                    }
                    i++;
                    state = State.CHUNK_SIZE;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return i - off;
    }

    private int fault(int at, int off, String reason) {
        cutNow(reason);
        return at - off;
    }

    /** Hex digits, optionally followed by extensions; at most 15 digits so the size fits a long. */
    private boolean chunkSize(String text) {
        int semi = text.indexOf(';');
        String digits = semi >= 0 ? text.substring(0, semi) : text;
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(RequestFraming::hex)) {
            return false;
        }
        long size = Long.parseLong(digits, 16);
        bodyBytes += size;
        if (bodyBytes > maxBodyBytes) {
            cutAfterHead = true; // Helidon refuses the size itself (413); nothing after the size line passes
        }
        remaining = size;
        state = size == 0 ? State.TRAILER : State.CHUNK_DATA;
        return true;
    }

    private static boolean hex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Decides the body framing from a complete head; anything ambiguous is left to Helidon with nothing after it.
     * Runs once per request, so it scans by hand: no regular expression, and only the four fields it needs are
     * lower-cased.
     */
    private void frame(byte[] head) {
        String text = new String(head, 0, head.length - 4, StandardCharsets.ISO_8859_1);
        List<String> lines = crlfLines(text);
        String[] start = lines.getFirst().split(" ", -1);
        // anything but an HTTP/1.1 request line (HTTP/1.0 included: Helidon refuses it with 505)
        cutAfterHead = start.length != 3 || !start[2].equals("HTTP/1.1");
        headRequest = start[0].equals("HEAD");
        closeAfter = false;
        upgrade = false;
        bodyBytes = 0;
        List<String> lengths = new ArrayList<>();
        List<String> codings = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            String l = lines.get(k);
            if (l.indexOf('\n') >= 0) {
                cutAfterHead = true; // a bare LF: Helidon refuses it
            }
            if (k == 0) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0 || l.charAt(0) == ' ' || l.charAt(0) == '\t' || l.indexOf('\r') >= 0
                    || Character.isWhitespace(l.charAt(colon - 1))) {
                cutAfterHead = true; // obs-fold, whitespace before the colon, a bare CR: Helidon refuses these
                continue;
            }
            if (is(l, colon, "content-length")) {
                lengths.add(value(l, colon));
            } else if (is(l, colon, "transfer-encoding")) {
                codings.addAll(tokens(value(l, colon)));
            } else if (is(l, colon, "connection")) {
                closeAfter |= tokens(value(l, colon)).contains("close");
            } else if (is(l, colon, "upgrade")) {
                upgrade = true;
            }
        }
        if (!codings.isEmpty()) {
            // only "chunked" alone is framed; CL+TE, other or repeated codings are refused by Helidon (400/501)
            cutAfterHead |= !lengths.isEmpty() || !codings.equals(List.of("chunked"));
            state = State.CHUNK_SIZE;
        } else if (!lengths.isEmpty()) {
            String v = lengths.getFirst();
            if (lengths.size() > 1 || !digits(v) || Long.parseLong(v) > maxBodyBytes) {
                cutAfterHead = true; // differing or listed lengths, or over the limit: Helidon answers and closes
                state = State.IDLE;
            } else {
                remaining = Long.parseLong(v);
                state = remaining == 0 ? State.IDLE : State.LENGTH;
            }
        } else {
            state = State.IDLE;
        }
        line.reset();
    }

    /** The lines of {@code text} split at CR LF only (a bare CR or LF stays inside its line). */
    static List<String> crlfLines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf("\r\n"); at >= 0; at = text.indexOf("\r\n", from)) {
            lines.add(text.substring(from, at));
            from = at + 2;
        }
        lines.add(text.substring(from));
        return lines;
    }

    private static boolean is(String line, int colon, String name) {
        return colon == name.length() && line.regionMatches(true, 0, name, 0, colon);
    }

    private static String value(String line, int colon) {
        return line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
    }

    /** A list field's members, split at commas with the whitespace around them (trailing empty members dropped). */
    private static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : value.split(",")) {
            out.add(t.trim());
        }
        while (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    /** 1 to 15 decimal digits: the length fits a long. */
    private static boolean digits(String v) {
        if (v.isEmpty() || v.length() > 15) {
            return false;
        }
        for (int k = 0; k < v.length(); k++) {
            if (v.charAt(k) < '0' || v.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }
}
