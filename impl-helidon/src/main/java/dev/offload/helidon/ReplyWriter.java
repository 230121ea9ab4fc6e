package dev.offload.helidon;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.PendingReply;
import dev.offload.spec.kit.Reply;
import dev.offload.spec.kit.ReplyStream;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one place where a kit {@link Answer} becomes Helidon writes. The kit decided status, headers and bytes; this
 * copies them verbatim ({@code send(byte[])} sets {@code Content-Length}); after a reply with
 * {@code Connection: close} it also makes Helidon close the connection, which 4.5.0 does not do for that header.
 *
 * <p>Helidon runs each request on its own virtual thread, so a pending reply is awaited right here (the kit's
 * {@link PendingReply#await()} is its own deadline timer), and a stream is written and flushed line by line on the
 * same thread. Helidon gives a handler no disconnect callback on HTTP/1.1: the stream's heartbeat writes are the
 * probe, and the first one that fails cancels the work.
 */
final class ReplyWriter {
    private ReplyWriter() {
    }

    /** Writes {@code answer} to {@code res}, blocking this (virtual) request thread until it is complete. */
    static void write(ServerResponse res, Answer answer) throws InterruptedException {
        switch (answer) {
            case Reply reply -> send(res, reply);
            case PendingReply pending -> {
                // close(): a request that ends without its reply (interrupted by a forced stop) cancels the work
                try (pending) {
                    send(res, pending.await());
                }
            }
            case ReplyStream stream -> {
                try (stream) {
                    stream(res, stream);
                }
            }
        }
    }

    static void send(ServerResponse res, Reply reply) {
        head(res, reply);
        res.send(reply.body());
        if (reply.closesConnection()) {
            // Helidon 4.5.0 keeps the connection open after a routed reply that says Connection: close
            // (helidon#12324); ending the exchange with this exception, once the reply is sent, makes it close.
            throw new CloseConnectionException("the reply closes the connection (" + reply.status() + ")");
        }
    }

    /**
     * The same reply for what Helidon answers outside routing ({@link DirectHandler}), added to the headers Helidon
     * prepared, with the status Helidon chose: the spec has no code of its own for some (a 505 is reported as
     * INTERNAL_ERROR), and the status on the wire stays the protocol's.
     */
    static DirectHandler.TransportResponse transport(Reply reply, Status status, ServerResponseHeaders headers) {
        for (Map.Entry<String, String> header : reply.headers()) {
            headers.set(HeaderValues.create(header.getKey(), header.getValue()));
        }
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(reply.body())
                .build();
    }

    private static void head(ServerResponse res, Reply reply) {
        res.status(Status.create(reply.status()));
        for (Map.Entry<String, String> header : reply.headers()) {
            res.header(header.getKey(), header.getValue());
        }
    }

    /** NDJSON, flushed per line; the kit's end line closes it normally. A failed write is the client going away. */
    private static void stream(ServerResponse res, ReplyStream stream) throws InterruptedException {
        head(res, stream.head());
        OutputStream out = res.outputStream();
        try {
            for (byte[] line = stream.next(); line != null; line = stream.next()) {
                out.write(line);
                out.flush();
            }
            out.close();
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            // Helidon reports a dead socket as ServerConnectionException (a CloseConnectionException)
            stream.cancel("client disconnected: " + e.getMessage());
            throw new CloseConnectionException("client disconnected during " + stream.taskId(), e);
        }
    }
}
