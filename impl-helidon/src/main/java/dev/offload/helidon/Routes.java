package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Routing from the kit's {@link Endpoint} table. Each service is registered on its own path
 * ({@code routing.register(prefix, service)}) and adds its endpoints relative to it, the method taken from the
 * table; whatever no route takes reaches the one {@link #fallback}: 405 with {@code Allow} for a path the table
 * knows, 404 otherwise. No path or method is written twice.
 */
final class Routes {
    private Routes() {
    }

    /**
     * Adds {@code endpoint} to a service registered on {@code prefix} ({@code ""} for the root). Helidon's
     * relative {@code "/"} also takes the prefix with a trailing slash ({@code /copy/}); the table's exact path
     * decides, and anything else goes on to the next route, so it ends in the fallback's 404.
     */
    static HttpRules route(HttpRules rules, String prefix, Endpoint endpoint, Handler handler) {
        if (!endpoint.path().startsWith(prefix)) {
            throw new IllegalArgumentException(endpoint + " is not under " + prefix);
        }
        String relative = endpoint.path().substring(prefix.length());
        return rules.route(Method.create(endpoint.method()), relative.isEmpty() ? "/" : relative, (req, res) -> {
            if (endpoint.matches(req.prologue().uriPath().path())) {
                handler.handle(req, res);
            } else {
                res.next();
            }
        });
    }

    /** Registered last: a request no route took. */
    static void fallback(ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        String path = req.prologue().uriPath().path();
        ReplyWriter.send(res, Endpoint.allowedMethods(path).isEmpty()
                ? OffloadApp.notFound(method, path)
                : OffloadApp.methodNotAllowed(method, path));
    }
}
