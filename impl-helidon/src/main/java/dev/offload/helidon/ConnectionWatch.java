package dev.offload.helidon;

import dev.offload.spec.kit.DisconnectWatch;
import dev.offload.spec.kit.PendingReply;
import dev.offload.spec.kit.Reply;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.Headers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.time.Duration;

/**
 * CANCEL-3 on Helidon HTTP/1.1: the handler runs on the connection's own virtual thread and nothing reads the
 * socket meanwhile, so nothing tells it that the client left. Registered as an HTTP/1.1 receive listener, this
 * class captures each request's {@link ConnectionContext}; {@link #start} then lets a virtual thread block in
 * {@code ctx.dataReader().ensureAvailable()}: {@code InsufficientDataAvailableException} is a FIN (or half-close),
 * a {@code ServerConnectionException} a reset, and data (a pipelined next request) simply stays buffered in the
 * reader for Helidon to parse.
 *
 * <p>The price: that blocked read cannot be taken back, and Helidon must never read the connection while it is
 * pending. So after sending the reply the handler {@linkplain Watcher#awaitAfterReply joins} the watcher, which ends
 * as soon as the client sends its next request or closes; a client that stays silent longer than
 * {@link #AFTER_REPLY} has its connection closed. Meanwhile the request still counts: the access log shows it that
 * much longer and it keeps its {@code max-concurrent-requests} permit.
 */
final class ConnectionWatch implements Http1ConnectionListener {
    /** How long a connection that has its answer may stay silent before it is closed. */
    static final Duration AFTER_REPLY = Duration.ofSeconds(2);

    /** Set for every HTTP/1.1 request on the connection's thread, which is also the thread its handler runs on. */
    private static final ThreadLocal<ConnectionContext> CONNECTION = new ThreadLocal<>();

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        CONNECTION.set(ctx);
    }

    /**
     * {@code /work?stream=false}: awaits {@code pending} while its connection is watched, sends the reply unless
     * the client left (then the connection is closed, nobody is there to read it), and joins the watch after it.
     */
    static void reply(ServerRequest req, ServerResponse res, PendingReply pending) throws InterruptedException {
        try (pending) {
            Watcher watcher = start(req, new DisconnectWatch(pending::cancel));
            Reply reply = pending.await();
            if (watcher == null) {
                ReplyWriter.send(res, reply);
                return;
            }
            if (watcher.clientLeftBeforeReply()) {
                throw new CloseConnectionException("the client left during " + pending.taskId());
            }
            ReplyWriter.send(res, reply);
            watcher.awaitAfterReply();
        }
    }

    /**
     * Starts watching the HTTP/1.1 connection of {@code req}, whose handler runs on this thread and has already read
     * its body; null over HTTP/2 or when no connection was captured.
     */
    static Watcher start(ServerRequest req, DisconnectWatch watch) {
        ConnectionContext ctx = CONNECTION.get();
        String version = req.prologue().protocolVersion();
        if (ctx == null || !(version.equals("1.1") || version.equals("1.0"))) {
            return null;
        }
        DataReader reader = ctx.dataReader();
        Thread reading = Thread.ofVirtual().name("offload-connection-watch").start(() -> read(reader, watch));
        return new Watcher(reading, watch);
    }

    /** Blocks until the client sends more or its side of the connection ends. */
    private static void read(DataReader reader, DisconnectWatch watch) {
        try {
            reader.ensureAvailable();
            watch.clientSentMore();
        } catch (DataReader.InsufficientDataAvailableException e) {
            watch.clientGone("closed the connection");
        } catch (RuntimeException e) {
            // ServerConnectionException (a reset) or UncheckedIOException: the connection is gone either way
            watch.clientGone("reset the connection (" + e.getMessage() + ")");
        }
    }

    /** A running watch over one request's connection. */
    static final class Watcher {
        private final Thread reading;
        private final DisconnectWatch watch;

        private Watcher(Thread reading, DisconnectWatch watch) {
            this.reading = reading;
            this.watch = watch;
        }

        /** The reply is ready: true if the client left before it. From now on the read cancels nothing. */
        boolean clientLeftBeforeReply() {
            watch.stop();
            return watch.clientLeft();
        }

        /**
         * Call once the reply is sent: returns when the read has ended, so Helidon may read the connection again.
         * Past {@link #AFTER_REPLY} of silence the connection is closed instead.
         */
        void awaitAfterReply() throws InterruptedException {
            if (!reading.join(AFTER_REPLY)) {
                throw new CloseConnectionException("silent for " + AFTER_REPLY.toMillis()
                        + " ms after a watched reply: closing, since a read is still pending");
            }
        }
    }
}
