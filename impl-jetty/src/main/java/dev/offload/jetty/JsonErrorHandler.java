package dev.offload.jetty;

import dev.offload.spec.ErrorBody;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.Json;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's own error responses (no handler matched → 404, an exception → 500, SizeLimitHandler's 413, a bad request
 * line or oversized headers → 400/431, …) in the spec's JSON error shape instead of Jetty's HTML page, for every
 * method, never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes error bodies only for GET/POST/HEAD by default; every 4xx/5xx of the spec carries one. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            // Jetty's parser answers a request line whose version it cannot read (none, as in "HELLO THERE", or junk
            // like "HELLO THERE YOU") with 505. It serves HTTP/1.0, 1.1 and 2, so a 505 only ever means a malformed
            // request line: bad input, which the spec (and RFC 9112 section 3) answers with 400, never a 5xx.
            status = HttpStatus.BAD_REQUEST_400;
            message = "request line has no valid HTTP version";
            response.setStatus(status);
        }
        byte[] body = Json.write(body(status, message, cause));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Http.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Errors found while parsing, before any request exists (bad request line, headers too large). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Http.JSON);
        return ByteBuffer.wrap(Json.write(body(status, reason, null)));
    }

    private static ErrorBody body(int status, String message, Throwable cause) {
        ErrorCode code = codeOf(status);
        // 4xx: Jetty's reason is about the request and safe to show; 5xx: never leak an exception's text.
        String text = status < 500 && cause instanceof HttpException && message != null && !message.isBlank()
                ? message : HttpStatus.getMessage(status);
        if (code == ErrorCode.NOT_FOUND) {
            text = "no such endpoint";
        }
        return ErrorBody.of(code, text);
    }

    /** The spec's code for a status Jetty produced by itself; its own 503s come from the graceful stop. */
    static ErrorCode codeOf(int status) {
        return ErrorCode.ofServerStatus(status, ErrorCode.SHUTTING_DOWN);
    }
}
