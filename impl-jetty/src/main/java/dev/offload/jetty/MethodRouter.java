package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers of one path, by method (HTTP-1). {@code PathMappingsHandler} maps by path only, so the 405 with
 * {@code Allow} for a known path and an unknown method is ours.
 */
final class MethodRouter extends Handler.AbstractContainer {
    private final Map<String, Handler> byMethod = new LinkedHashMap<>();

    MethodRouter on(String method, Handler handler) {
        byMethod.put(method, handler);
        addBean(handler);
        return this;
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(byMethod.values());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler handler = byMethod.get(request.getMethod());
        if (handler != null) {
            return handler.handle(request, response, callback);
        }
        String allow = String.join(", ", byMethod.keySet());
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        Http.error(response, callback, new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                "method " + abbreviate(request.getMethod()) + " not allowed; allowed: " + allow));
        return true;
    }

    private static String abbreviate(String method) {
        String printable = method.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 20 ? printable : printable.substring(0, 20) + "…";
    }
}
