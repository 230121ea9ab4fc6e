package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;

/**
 * LIMIT-1: Jetty's {@link QoSHandler} caps concurrent requests. Configured to suspend nothing, it refuses a request
 * over the limit at once; Jetty's refusal has no {@code Retry-After} and an HTML body, so both refusal paths are
 * overridden to send the spec's 503 OVERLOADED JSON with {@code Retry-After}.
 */
final class JsonQoSHandler extends QoSHandler {

    JsonQoSHandler(int maxConcurrentRequests) {
        setMaxRequestCount(maxConcurrentRequests);
        setMaxSuspendedRequestCount(0);
        setMaxSuspend(Duration.ZERO);
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        overloaded(response, callback);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status,
                                 Throwable failure) {
        overloaded(response, callback);
    }

    private void overloaded(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        Http.error(response, callback, new ApiException(ErrorCode.OVERLOADED,
                "more than " + getMaxRequestCount() + " concurrent requests; retry later"));
    }
}
