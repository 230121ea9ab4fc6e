package dev.offload.jetty;

import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;

/**
 * LIMIT-1: Jetty's {@link QoSHandler} caps concurrent requests. Configured to suspend nothing, it refuses a request
 * over the limit at once; both refusal paths answer the kit's 503 OVERLOADED (with {@code Retry-After}) instead of
 * Jetty's bare 503.
 */
final class ConcurrencyLimit extends QoSHandler {
    private final OffloadApp app;

    ConcurrencyLimit(OffloadApp app) {
        this.app = app;
        setMaxRequestCount(app.config().maxConcurrentRequests());
        setMaxSuspendedRequestCount(0);
        setMaxSuspend(Duration.ZERO);
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        ErrorReplies.refuse(request, response, callback, app.overloaded());
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status,
                                 Throwable failure) {
        ErrorReplies.refuse(request, response, callback, app.overloaded());
    }
}
