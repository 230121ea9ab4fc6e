package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.PendingReply;
import dev.offload.spec.kit.Reply;
import dev.offload.spec.kit.ReplyStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one place a kit {@link Answer} becomes writes on a Jetty {@link Response}. The callback is completed only
 * through the last write (COPY-2: nothing touches the response after it, because Jetty reuses response headers on
 * the connection), and on every path, also when a pending reply completes on another thread.
 */
final class ReplyWriter {
    private ReplyWriter() {
    }

    /** Writes {@code answer}; for a {@link ReplyStream} this blocks the (virtual) request thread until it ends. */
    static void write(Request request, Response response, Callback callback, Answer answer)
            throws InterruptedException {
        switch (answer) {
            case Reply reply -> write(response, reply, callback);
            case PendingReply pending -> whenDone(request, response, callback, pending);
            case ReplyStream stream -> stream(request, response, callback, stream);
        }
    }

    /**
     * Copies the status, every header verbatim and the body, with its Content-Length. A reply that says
     * {@code Connection: close} (SHUTTING_DOWN) makes Jetty close the HTTP/1.1 connection after it; HTTP/2 drops
     * the connection-specific header and keeps its streams.
     */
    static void write(Response response, Reply reply, Callback callback) {
        head(response, reply);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /**
     * TIMEOUT-1/2/3 and {@code /work?stream=false}: no thread waits. Jetty's own scheduler fires the kit's
     * {@link PendingReply#expire()} at the deadline (the kit's exactly-once guard decides between work and timer);
     * the reply is written when it completes, by a normally completed exchange, so the keep-alive connection
     * survives a 408. A failure Jetty sees (HTTP/2 reset, closed connection) cancels the work.
     */
    private static void whenDone(Request request, Response response, Callback callback, PendingReply pending) {
        // The deadline, or the work's own ms (at most 60 s), bounds this exchange: a connection idle timeout (1 s
        // during a graceful stop) must not fail it.
        request.addIdleTimeoutListener(timeout -> false);
        request.addFailureListener(failure -> pending.cancel("client went away: " + describe(failure)));
        Scheduler.Task timer = pending.deadline()
                .map(deadline -> request.getComponents().getScheduler()
                        .schedule(pending::expire, deadline.toNanos(), TimeUnit.NANOSECONDS))
                .orElse(null);
        pending.reply().whenComplete((reply, failure) -> {
            // Whatever throws here must still complete the callback, or the exchange would hang until a timeout.
            try (pending) {
                if (timer != null) {
                    timer.cancel();
                }
                if (failure != null) {
                    callback.failed(failure);
                } else {
                    write(response, reply, callback);
                }
            } catch (Throwable t) {
                callback.failed(t);
            }
        });
    }

    /**
     * CANCEL-1..4: the head, then every line with a flush, then a normal end of the chunked body — also after the
     * kit's WORK_FAILED end line. Jetty tells the kit the client is gone in two ways: a failed write (HTTP/1.1:
     * the connection is not read while a handler runs, so the heartbeat write is the probe) and
     * {@link Request#addFailureListener} (HTTP/2: a stream reset or closed connection arrives at once, even while
     * nothing is written).
     */
    private static void stream(Request request, Response response, Callback callback, ReplyStream stream)
            throws InterruptedException {
        try (stream) {
            request.addFailureListener(failure -> stream.cancel("client went away: " + describe(failure)));
            head(response, stream.head());
            try {
                for (byte[] line = stream.next(); line != null; line = stream.next()) {
                    try (Blocker.Callback written = Blocker.callback()) {
                        response.write(false, ByteBuffer.wrap(line), written);
                        written.block();
                    }
                }
            } catch (IOException e) {
                stream.cancel("client disconnected: " + describe(e));
                callback.failed(e);
                return;
            }
            response.write(true, null, callback);
        }
    }

    /** Status and headers; a header Jetty already set (an error path's {@code Connection}) is replaced. */
    private static void head(Response response, Reply reply) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        for (Map.Entry<String, String> header : reply.headers()) {
            headers.remove(header.getKey());
        }
        for (Map.Entry<String, String> header : reply.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
