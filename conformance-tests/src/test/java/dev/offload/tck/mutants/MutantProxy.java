package dev.offload.tck.mutants;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP/1.1 proxy in front of a real server that forwards faithfully, connection for connection (one upstream
 * connection per client connection, so keep-alive and disconnects carry through), except where its
 * {@link Mutation} breaks one behaviour. Requests it cannot parse (garbage, oversized heads, chunked or unbounded
 * bodies, half requests) are passed through byte for byte, so the hostile-input checks see the real server.
 * Streamed responses are forwarded chunk by chunk as they arrive.
 */
public final class MutantProxy implements AutoCloseable {
    private static final int MAX_HEAD = 256 * 1024;
    private static final int MAX_BUFFERED_BODY = 4 << 20;

    private final InetSocketAddress upstream;
    private final Mutation mutation;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public MutantProxy(URI upstream, Mutation mutation) throws IOException {
        this(upstream, mutation, 0);
    }

    public MutantProxy(URI upstream, Mutation mutation, int port) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.mutation = mutation;
        this.listener = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("mutant-proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Closes the listening socket: new connections are refused, open ones carry on. */
    public void stopAccepting() {
        closed = true;
        quietClose(listener);
    }

    /** Cuts every open connection at once (what a server that stops abruptly does). */
    public void cutAll() {
        for (Socket s : open) {
            quietClose(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        quietClose(listener);
        cutAll();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().name("mutant-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket server = null;
        open.add(client);
        try {
            client.setTcpNoDelay(true);
            server = new Socket();
            server.setTcpNoDelay(true);
            try {
                server.connect(upstream, 5_000);
            } catch (IOException refused) {
                return; // upstream gone (e.g. shutting down): the client sees its connection closed
            }
            open.add(server);
            Connection conn = new Connection(client, server);
            try {
                while (conn.exchange()) {
                    // next request on the keep-alive connection
                }
            } finally {
                server = conn.server();
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            quietClose(client);
            open.remove(client);
            if (server != null) {
                quietClose(server);
                open.remove(server);
            }
        }
    }

    /** One client connection and its upstream twin; per-connection state for the mutation. */
    public final class Connection {
        /** Servers close idle keep-alive connections; past this, a fresh upstream connection is used. */
        private static final long UPSTREAM_IDLE_NANOS = 2_000_000_000L;

        private final Socket client;
        private Socket server;
        private final InputStream clientIn;
        private final OutputStream clientOut;
        private InputStream serverIn;
        private OutputStream serverOut;
        private long upstreamUsed = System.nanoTime();
        /** Free for the mutation, e.g. what the previous response on this connection was. */
        public final Map<String, String> state = new ConcurrentHashMap<>();

        Connection(Socket client, Socket server) throws IOException {
            this.client = client;
            this.server = server;
            this.clientIn = new BufferedInputStream(client.getInputStream());
            this.clientOut = client.getOutputStream();
            this.serverIn = new BufferedInputStream(server.getInputStream());
            this.serverOut = server.getOutputStream();
        }

        /** Relays one request and its response; false when the connection is done. */
        boolean exchange() throws IOException {
            ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
            HeadResult head = readHead(clientIn, headBytes);
            if (head == HeadResult.EMPTY) {
                return false;
            }
            if (head != HeadResult.COMPLETE) {
                passThrough(headBytes.toByteArray(), head == HeadResult.TRUNCATED);
                return false;
            }
            Message request = Message.parseRequest(headBytes.toByteArray());
            if (request == null || request.chunked() || request.contentLength() > MAX_BUFFERED_BODY) {
                passThrough(headBytes.toByteArray(), false);
                return false;
            }
            long length = Math.max(0, request.contentLength());
            byte[] body = clientIn.readNBytes((int) length);
            if (body.length < length) {
                // client stopped mid-body: hand the server exactly that, then let it answer
                byte[] partial = concat(headBytes.toByteArray(), body);
                passThrough(partial, true);
                return false;
            }
            request.body = body;
            Message synthetic = mutation.answer(this, request);
            if (synthetic != null) {
                writeMessage(clientOut, synthetic);
                return !synthetic.closes() && !request.closes();
            }
            mutation.request(this, request);
            if (System.nanoTime() - upstreamUsed > UPSTREAM_IDLE_NANOS) {
                reconnect();
            }
            upstreamUsed = System.nanoTime();
            writeMessage(serverOut, request);

            ByteArrayOutputStream responseHead = new ByteArrayOutputStream();
            if (readHead(serverIn, responseHead) != HeadResult.COMPLETE) {
                return false;
            }
            Message response = Message.parseResponse(responseHead.toByteArray());
            if (response == null) {
                return false;
            }
            boolean noBody = request.method.equals("HEAD") || response.status / 100 == 1 || response.status == 204
                    || response.status == 304;
            if (!noBody && mutation.buffers(request, response)) {
                response.body = readBody(serverIn, response);
                response.removeHeader("Transfer-Encoding");
                mutation.response(this, request, response);
                response.setHeader("Content-Length", Integer.toString(response.body.length));
                sleep(mutation.delayMillis(request, response));
                writeMessage(clientOut, response);
            } else {
                mutation.response(this, request, response);
                sleep(mutation.delayMillis(request, response));
                clientOut.write(response.headBytes());
                clientOut.flush();
                if (!noBody && !streamBody(request, response)) {
                    return false;
                }
            }
            return !response.closes() && !request.closes() && (noBody || response.framed());
        }

        /** Forwards the body as it arrives; false if the client left (then upstream is cut, or kept per mutation). */
        private boolean streamBody(Message request, Message response) throws IOException {
            if (response.chunked()) {
                while (true) {
                    String sizeLine = line(serverIn);
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                    if (size == 0) {
                        for (String trailer = line(serverIn); !trailer.isEmpty(); trailer = line(serverIn)) {
                            // no trailers in the spec
                        }
                        if (!toClient("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
                            return false;
                        }
                        return true;
                    }
                    byte[] data = serverIn.readNBytes(size);
                    line(serverIn); // CRLF after the chunk
                    byte[] mutated = mutation.chunk(this, request, data);
                    if (mutated.length > 0) {
                        byte[] framed = concat(concat((Integer.toHexString(mutated.length) + "\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1), mutated), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        if (!toClient(framed)) {
                            return clientGone(request);
                        }
                    }
                }
            }
            long length = response.contentLength();
            if (length >= 0) {
                byte[] buf = new byte[8192];
                long left = length;
                while (left > 0) {
                    int n = serverIn.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        return false;
                    }
                    left -= n;
                    if (!toClient(buf, n)) {
                        return clientGone(request);
                    }
                }
                return true;
            }
            serverIn.transferTo(clientOut); // until the server closes
            return false;
        }

        private boolean clientGone(Message request) throws IOException {
            if (mutation.keepsUpstreamAfterClientLeft(request)) {
                // The bug: nobody tells the server; its writes keep succeeding into our buffers.
                serverIn.transferTo(OutputStream.nullOutputStream());
            }
            return false;
        }

        private boolean toClient(byte[] bytes) {
            return toClient(bytes, bytes.length);
        }

        private boolean toClient(byte[] bytes, int n) {
            try {
                clientOut.write(bytes, 0, n);
                clientOut.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Sends what was read, then relays both directions untouched until either side closes. */
        private void passThrough(byte[] already, boolean clientFinished) throws IOException {
            serverOut.write(already);
            serverOut.flush();
            if (clientFinished) {
                server.shutdownOutput();
            } else {
                Thread.ofVirtual().start(() -> {
                    try {
                        clientIn.transferTo(serverOut);
                        server.shutdownOutput();
                    } catch (IOException ignored) {
                        // either side closed
                    }
                });
            }
            try {
                serverIn.transferTo(clientOut);
            } catch (IOException ignored) {
                // either side closed
            }
        }

        private void reconnect() throws IOException {
            Socket fresh = new Socket();
            fresh.setTcpNoDelay(true);
            fresh.connect(upstream, 5_000);
            open.add(fresh);
            quietClose(server);
            open.remove(server);
            server = fresh;
            serverIn = new BufferedInputStream(fresh.getInputStream());
            serverOut = fresh.getOutputStream();
        }

        Socket server() {
            return server;
        }

        /** Opens a fresh upstream connection (for mutations that send requests of their own). */
        public Socket openUpstream() throws IOException {
            Socket s = new Socket();
            s.connect(upstream, 5_000);
            open.add(s);
            return s;
        }

        public String upstreamAuthority() {
            return upstream.getHostString() + ":" + upstream.getPort();
        }
    }

    // ---- parsing -----------------------------------------------------------------------------------------------

    private enum HeadResult { COMPLETE, EMPTY, TRUNCATED, TOO_LARGE }

    private static HeadResult readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? HeadResult.EMPTY : HeadResult.TRUNCATED;
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                return HeadResult.TOO_LARGE;
            }
            matched = switch (matched) {
                case 0, 2 -> b == '\r' ? matched + 1 : 0;
                case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (matched == 4) {
                return HeadResult.COMPLETE;
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        throw new EOFException();
    }

    private static byte[] readBody(InputStream in, Message m) throws IOException {
        if (m.chunked()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in);
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                        // none expected
                    }
                    return body.toByteArray();
                }
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
        }
        long length = m.contentLength();
        return length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
    }

    private static void writeMessage(OutputStream out, Message m) throws IOException {
        if (m.body != null && !m.chunked() && (m.body.length > 0 || m.header("Content-Length") != null)) {
            m.setHeader("Content-Length", Integer.toString(m.body.length));
        }
        out.write(m.headBytes());
        if (m.body != null) {
            out.write(m.body);
        }
        out.flush();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void quietClose(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** A request or response head, its headers editable, and (when buffered) its body. */
    public static final class Message {
        public String method;
        public String target;
        public String version;
        public int status;
        public String reason;
        public final List<String[]> headers = new ArrayList<>();
        public byte[] body;

        static Message parseRequest(byte[] head) {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] parts = lines[0].split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || !parts[0].matches("[A-Z]+")) {
                return null;
            }
            Message m = new Message();
            m.method = parts[0];
            m.target = parts[1];
            m.version = parts[2];
            return m.parseHeaders(lines) ? m : null;
        }

        static Message parseResponse(byte[] head) {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] parts = lines[0].split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                return null;
            }
            Message m = new Message();
            m.version = parts[0];
            try {
                m.status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            m.reason = parts.length > 2 ? parts[2] : "";
            return m.parseHeaders(lines) ? m : null;
        }

        private boolean parseHeaders(String[] lines) {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    return false;
                }
                headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()});
            }
            String length = header("Content-Length");
            return length == null || length.trim().matches("\\d{1,18}");
        }

        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        public void setHeader(String name, String value) {
            removeHeader(name);
            headers.add(new String[] {name, value});
        }

        public void removeHeader(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        }

        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        public String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        public String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        public void bodyText(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        }

        boolean chunked() {
            String te = header("Transfer-Encoding");
            return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        }

        long contentLength() {
            String length = header("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        }

        boolean framed() {
            return chunked() || header("Content-Length") != null;
        }

        boolean closes() {
            String c = header("Connection");
            return (c != null && c.toLowerCase(Locale.ROOT).contains("close")) || "HTTP/1.0".equals(version);
        }

        byte[] headBytes() {
            StringBuilder b = new StringBuilder();
            if (method != null) {
                b.append(method).append(' ').append(target).append(' ').append(version);
            } else {
                b.append(version).append(' ').append(status).append(' ').append(reason);
            }
            b.append("\r\n");
            for (String[] h : headers) {
                b.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** What a mutant changes; every default forwards faithfully. */
    public interface Mutation {
        /** Answers the request itself instead of forwarding it (null: forward). */
        default Message answer(Connection c, Message request) {
            return null;
        }

        /** Edits the request before it is forwarded. */
        default void request(Connection c, Message request) {
        }

        /** Whether to read the whole response body first so {@link #response} can rewrite it. */
        default boolean buffers(Message request, Message response) {
            return false;
        }

        /** Edits the response (its body only when {@link #buffers} said so). */
        default void response(Connection c, Message request, Message response) {
        }

        /** Holds the response back this long. */
        default long delayMillis(Message request, Message response) {
            return 0;
        }

        /** Rewrites one chunk of a streamed response (return it as is to forward faithfully). */
        default byte[] chunk(Connection c, Message request, byte[] data) {
            return data;
        }

        /** When the client leaves mid-stream, keep reading upstream instead of cutting it (hides the disconnect). */
        default boolean keepsUpstreamAfterClientLeft(Message request) {
            return false;
        }
    }
}
