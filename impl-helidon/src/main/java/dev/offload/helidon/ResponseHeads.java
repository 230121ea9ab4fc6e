package dev.offload.helidon;

import io.helidon.common.buffers.BufferData;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The response side of {@link WireGuard}: finds each response head in what Helidon writes, and fixes what Helidon
 * 4.5.0 gets wrong on the wire (WIRE-1, 2, 5):
 * <ul>
 *   <li>the body of a response to HEAD is dropped (Helidon writes the JSON body of routed 404/405 replies);</li>
 *   <li>a head that says {@code Connection: close} loses the {@code Connection: keep-alive} Helidon adds beside it;</li>
 *   <li>an answer given before the request body was read to its end is made to say {@code Connection: close} (the
 *       guard then ends the stream, so nothing of that body is ever parsed as a request).</li>
 * </ul>
 * Body bytes of other responses pass untouched, without a copy.
 */
final class ResponseHeads {
    /** What the head just written means for the connection. */
    enum Verdict { NONE, INTERIM, FINAL, FINAL_CLOSE, SWITCHING }

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean inHead = true;
    private boolean dropBody;
    private boolean headRequest;
    private boolean wroteAny;
    private Verdict last = Verdict.NONE;
    /** The last four head bytes, oldest in the high byte (see {@link RequestFraming#HEAD_END}). */
    private int tail;

    /** A new request's head was read: its response head comes next. */
    void requestStarted(boolean headRequest) {
        this.headRequest = headRequest;
        head.reset();
        tail = 0;
        inHead = true;
        dropBody = false;
        wroteAny = false;
        last = Verdict.NONE;
    }

    /** Whether any byte of the current request's response has been written (else a 408 can still be sent). */
    boolean wroteAny() {
        return wroteAny;
    }

    /** The meaning of the last complete head (reset for every request). */
    Verdict last() {
        return last;
    }

    /**
     * The bytes to write for {@code data}: {@code data} itself while a normal body passes, else the rewritten head
     * and whatever body follows it in the same buffer; null if nothing is to be written. {@code early}: whether the
     * request body is still unread, so a final answer now must close.
     */
    BufferData filter(BufferData data, boolean early) {
        if (data.available() == 0) {
            return data;
        }
        wroteAny = true;
        if (!inHead) {
            return dropBody ? null : data;
        }
        byte[] bytes = data.readBytes(); // one bulk copy, not a call per byte
        int i = 0;
        while (i < bytes.length && tail != RequestFraming.HEAD_END) {
            tail = (tail << 8) | (bytes[i++] & 0xff);
        }
        head.write(bytes, 0, i);
        if (tail != RequestFraming.HEAD_END) {
            return null; // the head continues in the next buffer
        }
        tail = 0;
        byte[] rewritten = rewrite(head.toByteArray(), early);
        byte[] rest = Arrays.copyOfRange(bytes, i, bytes.length);
        head.reset();
        if (last == Verdict.INTERIM) {
            // e.g. 100 Continue: the final head follows, possibly in the same buffer
            BufferData after = rest.length == 0 ? null : filter(BufferData.create(rest), early);
            return after == null ? BufferData.create(rewritten) : BufferData.create(
                    BufferData.create(rewritten), after);
        }
        inHead = false;
        dropBody = headRequest;
        return BufferData.create(dropBody || rest.length == 0 ? rewritten : concat(rewritten, rest));
    }

    /**
     * The head as it goes on the wire. Once per response, so the common case (no close) is a scan of the bytes with
     * no string built; only a head that must say close is rebuilt.
     */
    private byte[] rewrite(byte[] bytes, boolean early) {
        int status = bytes.length >= 12 ? status(bytes) : 500;
        if (status == 101) {
            last = Verdict.SWITCHING;
            return bytes;
        }
        if (status / 100 == 1) {
            last = Verdict.INTERIM;
            return bytes;
        }
        String text = new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
        List<String> lines = RequestFraming.crlfLines(text);
        boolean close = early;
        for (int k = 1; k < lines.size() && !close; k++) {
            close = isConnection(lines.get(k)) && lines.get(k).toLowerCase(Locale.ROOT).contains("close");
        }
        last = close ? Verdict.FINAL_CLOSE : Verdict.FINAL;
        if (!close) {
            return bytes;
        }
        StringBuilder out = new StringBuilder(lines.getFirst()).append("\r\n");
        for (int k = 1; k < lines.size(); k++) {
            if (!isConnection(lines.get(k))) {
                out.append(lines.get(k)).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The three digits after "HTTP/1.1 "; 500 if they are not digits. */
    private static int status(byte[] head) {
        int code = 0;
        for (int k = 9; k < 12; k++) {
            if (head[k] < '0' || head[k] > '9') {
                return 500;
            }
            code = code * 10 + (head[k] - '0');
        }
        return code;
    }

    private static boolean isConnection(String line) {
        return line.regionMatches(true, 0, "Connection:", 0, "Connection:".length());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
