package dev.offload.helidon;

import dev.offload.spec.ErrorBody;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.kit.Json;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.spi.ServerConnection;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * One HTTP/1.1 connection as Helidon sees it through {@link WireGuard}: the listener's connection context, except
 * that Helidon reads through {@link RequestFraming} (one request at a time, the stream ended where framing says so)
 * and writes through {@link ResponseHeads}; and the read it waits in is timed (WIRE-6).
 */
final class GuardedConnection implements ConnectionContext {
    private final ConnectionContext ctx;
    private final OffloadConfig config;
    private final RequestFraming framing;
    private final ResponseHeads responses = new ResponseHeads();
    private final DataReader reader;
    private final DataWriter writer;
    private final Object writeLock = new Object();
    private byte[] pending = new byte[0];
    private int pendingOff;
    private boolean transparent;
    private int requests;
    private int bodiesRead;
    private volatile boolean closeAfterResponse;
    private volatile boolean cutOff;
    private volatile long waitingSince;
    private volatile long headStarted;
    private volatile RequestFraming.Phase waitingIn;
    private volatile ServerConnection connection;

    GuardedConnection(ConnectionContext ctx, OffloadConfig config) {
        this.ctx = ctx;
        this.config = config;
        this.framing = new RequestFraming(config.maxBodyBytes());
        this.reader = DataReader.create(this::next);
        this.writer = new Writer();
    }

    void attach(ServerConnection connection) {
        this.connection = connection;
    }

    /** The next bytes for Helidon, never past the end of the current request; null ends its stream. */
    private byte[] next() {
        while (true) {
            if (cutOff) {
                return null;
            }
            if (!transparent && framing.atBoundary() && (closeAfterResponse || framing.cut())) {
                return null; // the connection is to close: Helidon sees the end of the stream and closes
            }
            if (pendingOff == pending.length && !pull()) {
                return null;
            }
            int len = pending.length - pendingOff;
            int n = transparent ? len : framing.accept(pending, pendingOff, len, this::headComplete);
            if (!transparent && framing.atBoundary() && requests > bodiesRead) {
                bodiesRead = requests;
            }
            if (n == 0) {
                if (framing.cut()) {
                    return null;
                }
                continue;
            }
            byte[] out = new byte[n];
            System.arraycopy(pending, pendingOff, out, 0, n);
            pendingOff += n;
            return out;
        }
    }

    private void headComplete() {
        requests++;
        headStarted = 0; // the next head is timed from its own first wait
        synchronized (writeLock) {
            responses.requestStarted(framing.headRequest());
        }
        if (framing.closeAfter()) {
            closeAfterResponse = true;
        }
    }

    /** Blocks for more bytes from the socket (timed by the guard's watchdog); false at the end of the stream. */
    private boolean pull() {
        DataReader source = ctx.dataReader();
        RequestFraming.Phase phase = framing.phase();
        if (phase == RequestFraming.Phase.HEAD && headStarted == 0) {
            headStarted = System.nanoTime(); // the head bound counts from the first wait inside a head
        }
        waitingIn = phase;
        waitingSince = System.nanoTime();
        try {
            if (source.available() == 0) {
                source.pullData();
            }
            pending = source.readBytes(source.available());
            pendingOff = 0;
            return true;
        } catch (DataReader.InsufficientDataAvailableException e) {
            return false;
        } finally {
            waitingSince = 0;
        }
    }

    /** Called by the watchdog: cuts a connection that waited in its phase longer than that phase's bound. */
    void checkTimeout(long now) {
        long since = waitingSince;
        RequestFraming.Phase phase = waitingIn;
        if (since == 0 || transparent || phase == null) {
            return;
        }
        long waited = switch (phase) {
            case HEAD -> now - Math.min(since, headStarted == 0 ? since : headStarted);
            default -> now - since;
        };
        long bound = switch (phase) {
            case IDLE -> config.idleTimeout().toNanos();
            case HEAD -> config.headerTimeout().toNanos();
            case BODY -> config.bodyTimeout().toNanos();
        };
        if (waited < bound || since != waitingSince) {
            return;
        }
        synchronized (writeLock) {
            if (cutOff) {
                return;
            }
            cutOff = true;
            if (phase != RequestFraming.Phase.IDLE && !responses.wroteAny()) {
                ctx.dataWriter().writeNow(BufferData.create(timeoutReply(phase)));
            }
        }
        ServerConnection c = connection;
        if (c != null) {
            c.close(true); // Helidon's own close: interrupts the connection's thread blocked in the read
        }
        ctx.serverSocket().close();
    }

    private static byte[] timeoutReply(RequestFraming.Phase phase) {
        byte[] body = Json.write(ErrorBody.of(ErrorCode.TIMEOUT, phase == RequestFraming.Phase.HEAD
                ? "request head not complete in time" : "request body stalled"));
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Helidon's writes, through {@link ResponseHeads}; nothing after a cut-off. */
    private final class Writer implements DataWriter {
        @Override
        public void write(BufferData... buffers) {
            for (BufferData b : buffers) {
                write(b);
            }
        }

        @Override
        public void write(BufferData buffer) {
            BufferData out = filter(buffer);
            if (out != null) {
                ctx.dataWriter().write(out);
            }
        }

        @Override
        public void writeNow(BufferData... buffers) {
            for (BufferData b : buffers) {
                writeNow(b);
            }
        }

        @Override
        public void writeNow(BufferData buffer) {
            BufferData out = filter(buffer);
            if (out != null) {
                ctx.dataWriter().writeNow(out);
            }
        }

        @Override
        public void flush() {
            ctx.dataWriter().flush();
        }

        @Override
        public void close() {
            ctx.dataWriter().close();
        }

        private BufferData filter(BufferData buffer) {
            synchronized (writeLock) {
                if (cutOff) {
                    return null;
                }
                if (transparent) {
                    return buffer;
                }
                BufferData out = responses.filter(buffer, bodiesRead < requests);
                switch (responses.last()) {
                    case SWITCHING -> transparent = true; // h2c upgrade: HTTP/2 frames from here on
                    case FINAL_CLOSE -> {
                        closeAfterResponse = true;
                        if (bodiesRead < requests) {
                            framing.cutNow("answered before the body was read"); // never parse the rest
                        }
                    }
                    default -> { }
                }
                return out;
            }
        }
    }

    // ---- the rest is the listener's context, unchanged ----------------------------------------------------------

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return ctx.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return ctx.executor();
    }

    @Override
    public Router router() {
        return ctx.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return ctx.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return ctx.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return ctx.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return ctx.localPeer();
    }

    @Override
    public boolean isSecure() {
        return ctx.isSecure();
    }

    @Override
    public String socketId() {
        return ctx.socketId();
    }

    @Override
    public String childSocketId() {
        return ctx.childSocketId();
    }
}
