package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * DRAIN-1/2: Jetty's {@link GracefulHandler} counts in-flight requests so a graceful stop waits for them, and
 * refuses requests that arrive on open connections after the stop began. We only change the refusal's shape: the
 * spec's 503 SHUTTING_DOWN JSON, with {@code Connection: close} so the client does not reuse the connection.
 */
final class JsonGracefulHandler extends GracefulHandler {

    @Override
    protected void handleShutdownRejection(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Http.error(response, callback, new ApiException(ErrorCode.SHUTTING_DOWN,
                "server is shutting down; no new work is accepted"));
    }
}
