package dev.offload.tck;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The least HTTP/2 a check needs: a cleartext connection with prior knowledge (RFC 9113 §3.3), one GET, and the
 * two ways a client leaves: RST_STREAM (CANCEL) or closing the socket. The JDK {@code HttpClient} cannot do h2c
 * with prior knowledge nor reset a stream on demand, hence this. Headers are sent as HPACK literals without
 * indexing (no dynamic table, no Huffman), which every decoder must accept; response headers are not decoded, only
 * skipped, since the checks observe the task through {@code /stats} over HTTP/1.1.
 */
public final class H2cConnection implements Closeable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7;
    private static final String[] FRAME_NAMES = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS",
        "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"};
    private static final int FLAG_ACK = 0x1, FLAG_END_STREAM = 0x1, FLAG_END_HEADERS = 0x4;
    private static final int CANCEL = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String authority;
    private int nextStream = 1;

    private H2cConnection(Socket socket, String authority) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.authority = authority;
    }

    /**
     * Connects, sends the preface and an empty SETTINGS, and waits for the server's SETTINGS (acknowledging it).
     * Throws {@link NotHttp2} with what the server said instead if it does not speak h2c.
     */
    public static H2cConnection open(URI base, Duration timeout) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout((int) timeout.toMillis());
        H2cConnection c = new H2cConnection(socket, base.getHost() + ":" + base.getPort());
        try {
            c.out.write(PREFACE);
            c.writeFrame(SETTINGS, 0, 0, new byte[0]);
            c.out.flush();
            byte[] head = new byte[9];
            c.in.readFully(head);
            if (new String(head, 0, 5, StandardCharsets.US_ASCII).equals("HTTP/")) {
                byte[] rest = c.in.readNBytes(Math.min(200, Math.max(0, c.in.available())));
                String said = (new String(head, StandardCharsets.US_ASCII) + new String(rest, StandardCharsets.US_ASCII))
                        .lines().findFirst().orElse("");
                throw new NotHttp2("answered the HTTP/2 preface with HTTP/1.1: \""
                        + dev.offload.tck.wire.Text.escape(said, 120) + "\"");
            }
            int type = head[3] & 0xff;
            if (type != SETTINGS) {
                byte[] rest = c.in.readNBytes(Math.min(120, Math.max(0, c.in.available())));
                byte[] seen = java.util.Arrays.copyOf(head, head.length + rest.length);
                System.arraycopy(rest, 0, seen, head.length, rest.length);
                throw new NotHttp2("answered the HTTP/2 preface with a frame of type " + type + ", expected a"
                        + " SETTINGS frame (type 4, RFC 9113 §3.4); its first bytes: \""
                        + dev.offload.tck.wire.Text.escape(seen, 120) + "\"");
            }
            c.skip(length(head));
            c.writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0]);
            c.out.flush();
            return c;
        } catch (EOFException e) {
            c.close();
            throw new NotHttp2("closed the connection after the HTTP/2 preface");
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    /** Sends {@code GET pathAndQuery} as a new stream (END_STREAM) and returns its id. */
    public int get(String pathAndQuery) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET (static index 2)
        block.write(0x86); // :scheme http (static index 6)
        literal(block, 4, pathAndQuery); // :path
        literal(block, 1, authority); // :authority
        int stream = nextStream;
        nextStream += 2;
        writeFrame(HEADERS, FLAG_END_STREAM | FLAG_END_HEADERS, stream, block.toByteArray());
        out.flush();
        return stream;
    }

    /** RST_STREAM with CANCEL: the client no longer wants the response. */
    public void reset(int stream) throws IOException {
        writeFrame(RST_STREAM, 0, stream, new byte[] {0, 0, 0, CANCEL});
        out.flush();
    }

    /** Reads frames until a DATA frame of {@code stream} arrives; returns its payload (acks SETTINGS and PINGs). */
    public byte[] awaitData(int stream) throws IOException {
        byte[] head = new byte[9];
        while (true) {
            in.readFully(head);
            int length = length(head);
            int type = head[3] & 0xff;
            int flags = head[4] & 0xff;
            int id = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff);
            byte[] payload = in.readNBytes(length);
            if (type == DATA && id == stream) {
                return payload;
            } else if (type == SETTINGS && (flags & FLAG_ACK) == 0) {
                writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0]);
                out.flush();
            } else if (type == PING && (flags & FLAG_ACK) == 0) {
                writeFrame(PING, FLAG_ACK, 0, payload);
                out.flush();
            } else if ((type == RST_STREAM && id == stream) || type == GOAWAY) {
                throw new IOException("the server ended the stream with " + (type == GOAWAY ? "GOAWAY" : "RST_STREAM")
                        + " before any data");
            } else if (type == HEADERS && id == stream && (flags & FLAG_END_STREAM) != 0) {
                throw new IOException("response ended without a body");
            }
        }
    }

    /**
     * Reads frames for {@code window} (or until the connection ends), acknowledging SETTINGS and PINGs; returns the
     * types of those that arrived on {@code stream}, in order, PRIORITY left out (e.g. {@code [HEADERS, DATA]}).
     */
    public List<String> framesOn(int stream, Duration window) throws IOException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        byte[] head = new byte[9];
        try {
            for (long left = window.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                socket.setSoTimeout((int) left);
                in.readFully(head);
                int type = head[3] & 0xff;
                int flags = head[4] & 0xff;
                int id = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff);
                byte[] payload = in.readNBytes(length(head));
                if (id == stream && type != PRIORITY) {
                    seen.add(type < FRAME_NAMES.length ? FRAME_NAMES[type] : "type " + type);
                } else if ((type == SETTINGS || type == PING) && (flags & FLAG_ACK) == 0) {
                    writeFrame(type, FLAG_ACK, 0, type == PING ? payload : new byte[0]);
                    out.flush();
                }
            }
        } catch (SocketTimeoutException | EOFException | SocketException e) {
            // the window passed, or the server closed or reset the connection: what arrived is the answer
        }
        return seen;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Literal header field without indexing, name from the static table (RFC 7541 §6.2.2). */
    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex); // 0000xxxx, index < 15
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        integer(block, bytes.length, 7, 0);
        block.writeBytes(bytes);
    }

    /** HPACK integer with an N-bit prefix (RFC 7541 §5.1). */
    private static void integer(ByteArrayOutputStream block, int value, int prefixBits, int firstByteFlags) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            block.write(firstByteFlags | value);
            return;
        }
        block.write(firstByteFlags | max);
        value -= max;
        while (value >= 128) {
            block.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        block.write(value);
    }

    private void writeFrame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] head = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                (byte) stream};
        out.write(head);
        out.write(payload);
    }

    private void skip(int n) throws IOException {
        in.readNBytes(n);
    }

    private static int length(byte[] head) {
        return ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
    }

    /** The server does not speak HTTP/2 cleartext with prior knowledge. */
    public static final class NotHttp2 extends IOException {
        public NotHttp2(String message) {
            super(message);
        }
    }
}
