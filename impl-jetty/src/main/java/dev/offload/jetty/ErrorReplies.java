package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.Reply;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's {@link ErrorHandler}: every error Jetty answers — no route matched (404), a known path with another
 * method (405, from {@link Routes}), an exception out of a handler (500), {@code SizeLimitHandler}'s 413, a bad
 * request line, URI or header (400/414/431), and the refusals of {@link GracefulStop} and {@link ConcurrencyLimit}
 * — becomes the kit's {@link Reply} and is written by {@link ReplyWriter}, for every method, never with a stack
 * trace. No other class turns an error into a response.
 */
final class ErrorReplies extends ErrorHandler {
    private final OffloadApp app;

    ErrorReplies(OffloadApp app) {
        this.app = app;
        setShowStacks(false);
        setShowCauses(false);
    }

    /**
     * A refusal decided before any endpoint ran (a stop, a concurrency limit): sent through Jetty's error path, so
     * a committed response is handled by Jetty and unread request content is consumed or the connection closed.
     */
    static void refuse(Request request, Response response, Callback callback, Reply reply) {
        Response.writeError(request, response, callback, reply.status(), null, new Refusal(reply));
    }

    /** Jetty writes error bodies only for GET/POST/HEAD by default; every 4xx/5xx of the spec carries one. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        ReplyWriter.write(response, reply(request, status, message, cause), callback);
    }

    private Reply reply(Request request, int status, String message, Throwable cause) {
        if (cause instanceof Refusal refusal) {
            return refusal.reply;
        }
        String path = request.getHttpURI().getCanonicalPath();
        String target = path == null ? "" : path;
        return switch (status) {
            case HttpStatus.NOT_FOUND_404 -> OffloadApp.notFound(request.getMethod(), target);
            case HttpStatus.METHOD_NOT_ALLOWED_405 -> OffloadApp.methodNotAllowed(request.getMethod(), target);
            // SizeLimitHandler: a declared Content-Length, or a chunked body read so far, over maxBodyBytes
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> app.payloadTooLarge();
            // Jetty's parser answers a request line whose version it cannot read (none, as in "HELLO THERE", or junk
            // like "HELLO THERE YOU") with 505. It serves HTTP/1.0, 1.1 and 2, so a 505 only ever means a malformed
            // request line: bad input, which the spec (and RFC 9112 section 3) answers with 400, never a 5xx.
            case HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ->
                    Reply.error(ErrorCode.BAD_REQUEST, "request line has no valid HTTP version");
            // 4xx: Jetty's reason is about the request and safe to show; 5xx: never leak an exception's text.
            // Jetty's own 503s come from a graceful stop.
            default -> Reply.error(ErrorCode.ofServerStatus(status, ErrorCode.SHUTTING_DOWN),
                    status < 500 && cause instanceof HttpException && message != null && !message.isBlank()
                            ? message : HttpStatus.getMessage(status));
        };
    }

    /** Carries a finished refusal through {@link Response#writeError}; quiet: a refusal is not a server problem. */
    private static final class Refusal extends RuntimeException implements QuietException {
        private final transient Reply reply;

        Refusal(Reply reply) {
            super(reply.status() + " refusal", null, false, false);
            this.reply = reply;
        }
    }
}
