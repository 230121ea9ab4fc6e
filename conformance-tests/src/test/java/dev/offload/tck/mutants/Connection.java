package dev.offload.tck.mutants;

import dev.offload.tck.wire.BodyStreams;
import dev.offload.tck.wire.Http1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of a {@link MutantProxy} and its upstream twin: relays request after request, letting the
 * {@link Mutation} edit or answer them. Requests it cannot re-serialize faithfully (garbage, oversized or unusual
 * heads, chunked or unbounded bodies, half requests) are passed through byte for byte, so the hostile-input checks
 * see the real server. Streamed responses are forwarded chunk by chunk as they arrive. While a {@code /work}
 * response is awaited (the one endpoint whose reply waits on work with nothing written) the client is watched, so
 * that a client that leaves then is relayed as it left (CANCEL-3): its FIN or half-close becomes an upstream
 * half-close, its reset an upstream reset; a byte it sends meanwhile (a pipelined request) is kept for the next
 * exchange. Other exchanges are relayed as before, on one thread.
 */
public final class Connection {
    private static final int MAX_BUFFERED_BODY = 4 << 20;
    /** Servers close idle keep-alive connections; past this, a fresh upstream connection is used. */
    private static final long UPSTREAM_IDLE_NANOS = 2_000_000_000L;

    private final MutantProxy proxy;
    private final Mutation mutation;
    private final Socket client;
    /** Non-final: a mutant that leaves a body unread puts it back in front of the stream (WIRE-1). */
    private PushbackInputStream clientIn;
    private final OutputStream clientOut;
    /** The client read started while the last response was awaited: its first byte, or -1 when it left. */
    private FutureTask<Integer> clientNext;
    private Socket server;
    private InputStream serverIn;
    private OutputStream serverOut;
    private long upstreamUsed = System.nanoTime();
    /** Free for the mutation, e.g. what the previous response on this connection was. */
    public final Map<String, String> state = new ConcurrentHashMap<>();

    Connection(MutantProxy proxy, Mutation mutation, Socket client, Socket server) throws IOException {
        this.proxy = proxy;
        this.mutation = mutation;
        this.client = client;
        this.clientIn = new PushbackInputStream(new BufferedInputStream(client.getInputStream()), 1);
        this.clientOut = client.getOutputStream();
        attach(server);
    }

    /** Opens a fresh upstream connection (for mutations that send requests of their own). */
    public Socket openUpstream() throws IOException {
        return proxy.connectUpstream();
    }

    /** {@code host:port} of the real server, for the Host header of such requests. */
    public String upstreamAuthority() {
        return proxy.upstreamAuthority();
    }

    Socket server() {
        return server;
    }

    /** Relays one request and its response; false when the connection is done. */
    boolean exchange() throws IOException {
        if (!takeClientNext()) {
            return false;
        }
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        Http1.HeadEnd end;
        WireTimeouts timed = WireTimeouts.of(proxy.timeouts(), mutation, client);
        try {
            timed.awaitHead(clientIn);
            end = Http1.readHead(clientIn, headBytes);
        } catch (java.net.SocketTimeoutException stalled) {
            timed.cutOff(clientOut, headBytes.size() > 0, "request head not complete in time");
            return false;
        }
        if (end == Http1.HeadEnd.EMPTY) {
            return false;
        }
        if (end != Http1.HeadEnd.COMPLETE) {
            passThrough(headBytes.toByteArray(), end == Http1.HeadEnd.TRUNCATED);
            return false;
        }
        Message request = Message.parseRequest(headBytes.toByteArray());
        byte[] decoded = request == null ? null : LenientFraming.apply(mutation, request, clientIn);
        if (decoded == LenientFraming.BROKEN) {
            Message refused = Message.response(400, "Bad Request");
            refused.setHeader("Connection", "close");
            refused.writeTo(clientOut);
            return false;
        }
        if (request == null || decoded == null && request.chunked() || request.contentLength() > MAX_BUFFERED_BODY) {
            passThrough(headBytes.toByteArray(), false);
            return false;
        }
        long length = Math.max(0, request.contentLength());
        byte[] body;
        try {
            timed.reading(true);
            body = decoded != null ? decoded : clientIn.readNBytes((int) length);
        } catch (java.net.SocketTimeoutException stalled) {
            timed.cutOff(clientOut, true, "request body stalled");
            return false;
        } finally {
            timed.reading(false);
        }
        if (mutation.leavesBodyUnread(request)) {
            // the bug: answer without the body, then read the body as the next request
            clientIn = new PushbackInputStream(new BufferedInputStream(new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(body), clientIn)), 1);
            request.removeHeader("Expect");
            request.setHeader("Content-Length", "0");
            body = new byte[0];
            length = 0;
        }
        if (body.length < length) {
            // client stopped mid-body: hand the server exactly that, then let it answer
            headBytes.writeBytes(body);
            passThrough(headBytes.toByteArray(), true);
            return false;
        }
        request.body = body;
        Message synthetic = mutation.answer(this, request);
        if (synthetic != null) {
            synthetic.writeTo(clientOut);
            return !synthetic.closes() && !request.closes();
        }
        mutation.request(this, request);
        if (System.nanoTime() - upstreamUsed > UPSTREAM_IDLE_NANOS) {
            reconnect();
        }
        upstreamUsed = System.nanoTime();
        request.writeTo(serverOut);
        if (!request.path().equals("/work")) {
            return relayResponse(request);
        }
        AtomicBoolean awaiting = watchClient(request);
        try {
            return relayResponse(request);
        } finally {
            awaiting.set(false);
        }
    }

    /**
     * Reads the client's next byte on another thread while the response is awaited. What it sees while
     * {@code awaiting} holds is relayed upstream; afterwards it is only kept for the next exchange.
     */
    private AtomicBoolean watchClient(Message request) {
        AtomicBoolean awaiting = new AtomicBoolean(true);
        Socket upstream = server;
        clientNext = new FutureTask<>(() -> {
            int b;
            try {
                b = clientIn.read();
            } catch (IOException reset) {
                if (awaiting.getAndSet(false) && mutation.relaysDeparture(request)) {
                    upstream.setSoLinger(true, 0);
                    upstream.close();
                }
                return -1;
            }
            if (b < 0 && awaiting.getAndSet(false) && mutation.relaysDeparture(request)) {
                upstream.shutdownOutput();
            } else if (b >= 0 && awaiting.getAndSet(false) && mutation.cutsOnPipelined(request)) {
                upstream.close();
            }
            return b;
        });
        Thread.ofVirtual().name("mutant-proxy-client-watch").start(clientNext);
        return awaiting;
    }

    /** Waits for the client read started during the last exchange and hands its byte back; false if it left. */
    private boolean takeClientNext() throws IOException {
        if (clientNext == null) {
            return true;
        }
        int b;
        try {
            b = clientNext.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false; // the relay itself failed: upstream is gone
        } finally {
            clientNext = null;
        }
        if (b < 0) {
            return false;
        }
        clientIn.unread(b);
        return true;
    }

    private boolean relayResponse(Message request) throws IOException {
        ByteArrayOutputStream responseHead = new ByteArrayOutputStream();
        if (Http1.readHead(serverIn, responseHead) != Http1.HeadEnd.COMPLETE) {
            return false;
        }
        Message response = Message.parseResponse(responseHead.toByteArray());
        if (response == null) {
            return false;
        }
        boolean noBody = response.bodiless(request);
        if (!noBody && mutation.buffers(request, response)) {
            response.body = BodyStreams.of(serverIn, response.chunked(), response.contentLength()).readAllBytes();
            response.removeHeader("Transfer-Encoding");
            mutation.response(this, request, response);
            response.setHeader("Content-Length", Integer.toString(response.body.length));
            sleep(mutation.delayMillis(request, response));
            response.writeTo(clientOut);
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
            BodyStreams.Chunked chunks = new BodyStreams.Chunked(serverIn);
            for (byte[] data = chunks.nextChunk(); data != null; data = chunks.nextChunk()) {
                byte[] mutated = mutation.chunk(this, request, data);
                if (mutated.length > 0 && !toClient(Http1.chunk(mutated))) {
                    return clientGone(request);
                }
            }
            return toClient(Http1.LAST_CHUNK);
        }
        long length = response.contentLength();
        if (length < 0) {
            serverIn.transferTo(clientOut); // until the server closes
            return false;
        }
        InputStream body = new BodyStreams.Limited(serverIn, length);
        byte[] buf = new byte[8192];
        for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
            byte[] part = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
            if (!toClient(part)) {
                return clientGone(request);
            }
        }
        return true;
    }

    private boolean clientGone(Message request) throws IOException {
        if (mutation.keepsUpstreamAfterClientLeft(request)) {
            // The bug: nobody tells the server; its writes keep succeeding into our buffers.
            serverIn.transferTo(OutputStream.nullOutputStream());
        }
        return false;
    }

    private boolean toClient(byte[] bytes) {
        try {
            clientOut.write(bytes);
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
        Socket fresh = proxy.connectUpstream();
        proxy.release(server);
        attach(fresh);
    }

    private void attach(Socket upstream) throws IOException {
        this.server = upstream;
        this.serverIn = new BufferedInputStream(upstream.getInputStream());
        this.serverOut = upstream.getOutputStream();
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
}
