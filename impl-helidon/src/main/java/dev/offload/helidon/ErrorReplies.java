package dev.offload.helidon;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.Reply;
import io.helidon.http.BadRequestException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;

/**
 * Every error Helidon itself raises, as the kit's {@link Reply#error} (so the spec's JSON body, {@code Retry-After}
 * on 503 and {@code Connection: close} come from the kit, as for the endpoints' own refusals). Two Helidon hooks
 * cover it: routing error handlers for what is thrown inside routing (a query the server cannot decode, Helidon's
 * {@link HttpException}s, bugs), and a {@link DirectHandler} for what Helidon refuses before or outside routing
 * (413 from {@code max-payload-size}, 503 from {@code max-concurrent-requests}, malformed request lines), which
 * would otherwise be plain text.
 */
final class ErrorReplies {
    private static final System.Logger LOG = System.getLogger(ErrorReplies.class.getName());

    private ErrorReplies() {
    }

    /** Routing-level handlers: they see the full request and run on the request thread. */
    static void register(HttpRouting.Builder routing, OffloadApp app) {
        routing.error(ApiException.class, (req, res, e) -> ReplyWriter.send(res, Reply.error(e)))
                .error(HttpException.class, (req, res, e) ->
                        ReplyWriter.send(res, reply(app, codeFor(e.status()), e.getMessage())))
                // A broken request (e.g. its body framing, see RequestBodies) is left unanswered here on purpose:
                // Helidon then rethrows the BadRequestException to the connection, which answers it through the
                // direct handler and closes. A routed "Connection: close" reply would not stop Helidon 4.5.0 from
                // reading the rest of the broken stream as the next request.
                .error(BadRequestException.class, (req, res, e) -> { })
                .error(Exception.class, (req, res, e) -> {
                    // a bug, not a client error: log it server-side, never show the stack trace to the client
                    LOG.log(System.Logger.Level.ERROR, "unhandled error in " + req.prologue().uriPath().path(), e);
                    ReplyWriter.send(res, Reply.error(ErrorCode.INTERNAL_ERROR, "internal error"));
                });
    }

    /** Transport-level handler for every event type Helidon raises outside a handler; the limits are {@code app}'s. */
    static DirectHandlers directHandlers(OffloadApp app) {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, (request, eventType, status, headers, message) ->
                    direct(app, request, eventType, status, headers, message));
        }
        return builder.build();
    }

    private static DirectHandler.TransportResponse direct(OffloadApp app, DirectHandler.TransportRequest request,
                                                          DirectHandler.EventType eventType, Status status,
                                                          ServerResponseHeaders headers, String message) {
        if (eventType == DirectHandler.EventType.INTERNAL_ERROR && request.path().isEmpty()) {
            // No request was read: Helidon 4.5.0's HTTP/1.1 connection raises INTERNAL_ERROR without a request when
            // reading the request itself fails with a non-HTTP exception, e.g. the client ends the stream inside the
            // head (InsufficientDataAvailableException). Failures inside routing carry their request and are
            // answered by the routing error handlers. A broken request is the client's doing: 400, not 500 (H1).
            LOG.log(System.Logger.Level.DEBUG, "request could not be read: " + message);
            status = Status.BAD_REQUEST_400;
            message = "incomplete or malformed request";
        }
        ErrorCode code = codeFor(status);
        // 5xx: never echo an exception's text; 4xx: Helidon's safe reason (or the status phrase)
        String text = status.code() >= 500 || message == null || message.isBlank() ? status.reasonPhrase() : message;
        return ReplyWriter.transport(reply(app, code, text), status, headers);
    }

    /** The listener's own limits in the kit's words (the same bytes as the other server); the rest as Helidon says. */
    private static Reply reply(OffloadApp app, ErrorCode code, String message) {
        return switch (code) {
            case OVERLOADED -> app.overloaded();
            case PAYLOAD_TOO_LARGE -> app.payloadTooLarge();
            default -> Reply.error(code, message);
        };
    }

    /** The spec code for a status Helidon chose; a 503 outside routing is always the concurrency limit. */
    static ErrorCode codeFor(Status status) {
        return ErrorCode.ofServerStatus(status.code(), ErrorCode.OVERLOADED);
    }
}
