package dev.offload.tck.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of a message as a stream, its framing removed. */
public final class BodyStreams {
    private BodyStreams() {
    }

    /**
     * The body on {@code in}: chunked, Content-Length, or (neither) until the peer
     * closes.
     */
    public static InputStream of(InputStream in, boolean chunked, long contentLength) {
        if (chunked) {
            return new Chunked(in);
        }
        if (contentLength >= 0) {
            return new Limited(in, contentLength);
        }
        return in;
    }

    /** Exactly {@code length} bytes; ending early is an {@link EOFException} saying how many were missing. */
    public static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        public Limited(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection was closed " + left
                        + " bytes before the end the Content-Length announced");
            }
            left -= n;
            return n;
        }
    }

    /**
     * A chunked body (RFC 9112 §7.1), read as a stream or chunk by chunk ({@link #nextChunk}); trailers are read
     * and dropped.
     */
    public static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        public Chunked(InputStream in) {
            this.in = in;
        }

        /** The data of the next chunk as sent, or null after the last chunk. */
        public byte[] nextChunk() throws IOException {
            if (left == 0 && !advance()) {
                return null;
            }
            byte[] data = in.readNBytes((int) left);
            if (data.length < left) {
                throw new EOFException("the connection was closed inside a chunk, " + (left - data.length)
                        + " bytes short");
            }
            left = 0;
            return data;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left == 0 && !advance()) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection was closed inside a chunk, " + left + " bytes short");
            }
            left -= n;
            return n;
        }

        /** Reads the next size line; false (trailers consumed) at the last chunk. */
        private boolean advance() throws IOException {
            if (done) {
                return false;
            }
            String size = Http1.line(in);
            if (size.isEmpty()) {
                size = Http1.line(in); // the CRLF that ends the previous chunk's data
            }
            int semi = size.indexOf(';');
            String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
            if (!hex.matches("[0-9a-fA-F]{1,15}")) {
                throw new IOException("a chunk size line \"" + Text.escape(size, 40) + "\" is not hexadecimal");
            }
            left = Long.parseLong(hex, 16);
            if (left == 0) {
                for (String trailer = Http1.line(in); !trailer.isEmpty(); trailer = Http1.line(in)) {
                    // trailers: none in the spec
                }
                done = true;
                return false;
            }
            return true;
        }
    }
}
