package dev.offload.tck;

import dev.offload.tck.wire.BodyStreams;
import dev.offload.tck.wire.Head;
import dev.offload.tck.wire.Http1;
import dev.offload.tck.wire.Text;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a plain socket, for the checks the JDK client cannot express: pinning a keep-alive
 * connection, reading a stream line by line and then cutting it, sending garbage or half a request, and seeing
 * every header byte the server sent (duplicates included).
 */
public final class RawConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String authority;

    private RawConnection(Socket socket, String authority) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.authority = authority;
    }

    public static RawConnection open(URI base, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return new RawConnection(socket, base.getHost() + ":" + base.getPort());
    }

    /** {@code Host} header value for requests on this connection. */
    public String authority() {
        return authority;
    }

    /** A complete GET request with a Host header and any extra header lines ({@code "Name: value"}). */
    public String get(String pathAndQuery, String... headerLines) {
        return request("GET", pathAndQuery, headerLines);
    }

    public String request(String method, String pathAndQuery, String... headerLines) {
        StringBuilder b = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        for (String h : headerLines) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    }

    /** Closes the sending side only (the server reads EOF) and keeps reading possible. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Resets the connection: SO_LINGER 0, then close, so the server sees RST instead of FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
        close();
    }

    /** Reads a whole response: head and body (Content-Length, chunked, or until close). */
    public RawResponse readResponse() throws IOException {
        return readResponse(false);
    }

    /** Like {@link #readResponse()}; {@code headRequest} means the response has no body whatever it declares. */
    public RawResponse readResponse(boolean headRequest) throws IOException {
        RawResponse head = readHead();
        if (headRequest || head.status() == 204 || head.status() == 304 || head.status() / 100 == 1) {
            return head;
        }
        return new RawResponse(head.statusLine(), head.status(), head.headers(), body(head).readAllBytes());
    }

    /** Reads the status line and headers; the body is then read with {@link #body}. */
    public RawResponse readHead() throws IOException {
        String statusLine = Http1.line(in);
        while (statusLine.isEmpty()) {
            statusLine = Http1.line(in); // tolerate a stray CRLF between responses
        }
        String[] parts = statusLine.split(" ", 3);
        if (!statusLine.startsWith("HTTP/") || parts.length < 2 || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP status line: \"" + Text.escape(statusLine, 120) + "\"");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        int size = statusLine.length();
        for (String line = Http1.line(in); !line.isEmpty(); line = Http1.line(in)) {
            size += line.length();
            if (size > Http1.MAX_HEAD) {
                throw new IOException("the response head is larger than " + Http1.MAX_HEAD + " bytes");
            }
            Map.Entry<String, String> field = Head.field(line);
            if (field != null) {
                fields.add(field);
            }
        }
        return new RawResponse(statusLine, Integer.parseInt(parts[1]), List.copyOf(fields), new byte[0]);
    }

    /** The body of a response whose head was just read, decoded from chunked framing if needed. */
    public InputStream body(RawResponse head) throws IOException {
        return BodyStreams.of(in, Head.chunked(head.headers("Transfer-Encoding")),
                Head.contentLength(head.header("Content-Length")));
    }

    /** Reads one {@code \n}-terminated line of a body stream, without the terminator; null at its end. */
    public static String bodyLine(InputStream body) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = body.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8).stripTrailing();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits up to {@code wait} for anything more from the server: returns the bytes that arrived (empty if none),
     * or null if the server closed the connection. Used to prove nothing stray follows a response.
     */
    public byte[] extraBytes(Duration wait) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        try {
            byte[] buf = new byte[4096];
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return extra.size() == 0 ? null : extra.toByteArray();
                }
                extra.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return extra.toByteArray();
        } catch (IOException e) {
            return extra.size() == 0 ? null : extra.toByteArray(); // reset: closed
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    /** True if the server closed the connection within {@code wait} (EOF or reset) without sending anything. */
    public boolean closedByServer(Duration wait) throws IOException {
        byte[] extra = extraBytes(wait);
        return extra == null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
