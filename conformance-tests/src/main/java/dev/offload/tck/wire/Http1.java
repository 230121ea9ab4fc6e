package dev.offload.tck.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading lines and heads off an HTTP/1.1 byte stream, and framing chunks. */
public final class Http1 {
    /** The largest head either side reads before giving up. */
    public static final int MAX_HEAD = 256 * 1024;
    /** The chunk that ends a chunked body, with an empty trailer section. */
    public static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private Http1() {
    }

    /** How reading a head ended. */
    public enum HeadEnd {
        /** The blank line that ends a head arrived. */
        COMPLETE,
        /** The stream ended before any byte. */
        EMPTY,
        /** The stream ended inside the head. */
        TRUNCATED,
        /** More than {@link #MAX_HEAD} bytes without the end of the head. */
        TOO_LARGE
    }

    /**
     * Copies bytes into {@code head} up to and including the empty line that ends a head (CRLF or bare LF line
     * ends; empty lines before the start line are kept in {@code head} but do not end it).
     */
    public static HeadEnd readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        int lineLength = 0; // bytes of the current line, CR excluded
        boolean started = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? HeadEnd.EMPTY : HeadEnd.TRUNCATED;
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                return HeadEnd.TOO_LARGE;
            }
            if (b == '\n') {
                if (lineLength == 0 && started) {
                    return HeadEnd.COMPLETE;
                }
                started |= lineLength > 0;
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
    }

    /** One line without its terminator (LF or CRLF), as ISO-8859-1; {@link EOFException} if the stream ends first. */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEAD) {
                throw new IOException("a line longer than " + MAX_HEAD + " bytes");
            }
            line.write(b);
        }
        throw new EOFException(line.size() == 0 ? "the connection was closed"
                : "the connection was closed in the middle of a line: \""
                + Text.escape(line.toByteArray(), 80) + "\"");
    }

    /** {@code data} framed as one chunk ({@code size CRLF data CRLF}). */
    public static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] framed = new byte[size.length + data.length + 2];
        System.arraycopy(size, 0, framed, 0, size.length);
        System.arraycopy(data, 0, framed, size.length, data.length);
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';
        return framed;
    }
}
