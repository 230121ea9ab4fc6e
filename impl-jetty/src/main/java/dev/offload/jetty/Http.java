package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.Json;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** The few response and request chores every handler shares. */
final class Http {
    static final String JSON = "application/json";

    private Http() {
    }

    /**
     * Writes {@code body} as the whole JSON response and completes {@code callback} only once the write is done
     * (COPY-2: nothing may touch the response after the callback, because Jetty reuses response headers on the
     * connection).
     */
    static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes = Json.write(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** The spec's error body with the code's status; a stalled body (408 from {@link #body}) also closes. */
    static void error(Response response, Callback callback, ApiException e) {
        json(response, callback, e.status(), e.body());
    }

    /** One query parameter (the first, if repeated), or null. Malformed encodings are Jetty's 400. */
    static String query(Request request, String name) {
        Fields fields = Request.extractQueryParameters(request);
        return fields.getValue(name);
    }

    /** A header value fit for an error message: printable ASCII, at most 40 characters. */
    static String printable(String value) {
        String p = value.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() <= 40 ? p : p.substring(0, 40) + "…";
    }

    /**
     * Reads the whole body, never more than {@code maxBytes} + 1 bytes into memory. {@code SizeLimitHandler} in
     * front already refuses a declared Content-Length over the limit; this bound covers chunked bodies. While it
     * reads, the connection's idle timeout is {@code bodyTimeout} (WIRE-6): a body that stalls that long is a 408
     * that closes the connection, not the 500 an idle-timeout failure of the read would otherwise become.
     */
    static byte[] body(Request request, int maxBytes, java.time.Duration bodyTimeout) throws IOException {
        var endPoint = request.getConnectionMetaData().getHttpVersion() == org.eclipse.jetty.http.HttpVersion.HTTP_1_1
                ? request.getConnectionMetaData().getConnection().getEndPoint() : null;
        long idle = endPoint == null ? 0 : endPoint.getIdleTimeout();
        if (endPoint != null) {
            endPoint.setIdleTimeout(bodyTimeout.toMillis());
        }
        try {
            return body(request, maxBytes);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException) {
                    throw new ApiException(ErrorCode.TIMEOUT, "request body stalled for " + bodyTimeout.toMillis()
                            + " ms");
                }
            }
            throw e;
        } finally {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idle);
            }
        }
    }

    private static byte[] body(Request request, int maxBytes) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "body exceeds " + maxBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            // SizeLimitHandler fails the read of an over-long chunked body with an HttpException 413.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HttpException http && http.getCode() == ErrorCode.PAYLOAD_TOO_LARGE.status()) {
                    throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "body exceeds " + maxBytes + " bytes");
                }
            }
            throw e;
        }
    }
}
