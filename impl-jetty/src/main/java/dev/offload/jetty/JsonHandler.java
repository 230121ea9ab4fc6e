package dev.offload.jetty;

import dev.offload.spec.kit.ApiException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Base of every endpoint handler: maps a refused request ({@link ApiException}) to its status and JSON error body,
 * in one place. Anything else thrown reaches Jetty, whose error handler ({@link JsonErrorHandler}) answers 500 JSON.
 * Handlers stay {@code InvocationType.BLOCKING} (the default), so Jetty runs them on virtual threads.
 */
abstract class JsonHandler extends Handler.Abstract {

    @Override
    public final boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            serve(request, response, callback);
        } catch (ApiException e) {
            if (e.code() == dev.offload.spec.ErrorCode.TIMEOUT) {
                // only a stalled body read (Http.body) throws TIMEOUT: the rest of that body is never read
                response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONNECTION, "close");
            }
            Http.error(response, callback, e);
        }
        return true;
    }

    /** Serves the request; completes {@code callback} itself or throws before touching the response. */
    protected abstract void serve(Request request, Response response, Callback callback) throws Exception;
}
