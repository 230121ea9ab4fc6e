package dev.offload.jetty;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Routing from the kit's {@link Endpoint} table (HTTP-1): one handler per endpoint, picked by method and path; the
 * read-only endpoints a client observes the server through (plaintext, stats, outbox, tasks) need no class. For
 * a path the table knows with another method it raises Jetty's 405; for a path it does not know it leaves the
 * request unhandled, and Jetty raises 404. {@link ErrorReplies} answers both, {@code Allow} derived from the table.
 */
final class Routes extends Handler.AbstractContainer {
    private final Map<Endpoint, Handler> handlers = new EnumMap<>(Endpoint.class);

    Routes(OffloadApp app) {
        on(Endpoint.PLAINTEXT, AnswerHandler.of(request -> app.plaintext()));
        on(Endpoint.COPY, new CopyHandler(app));
        on(Endpoint.WORK, new WorkHandler(app));
        on(Endpoint.SEND_EMAIL, new EmailHandler(app));
        on(Endpoint.OUTBOX, AnswerHandler.of(request -> app.outbox()));
        on(Endpoint.SUBMIT_JOB, new JobHandler(app));
        on(Endpoint.JOB, AnswerHandler.of(request -> app.job(RequestValues.lastSegment(request))));
        on(Endpoint.DATA, new FanOutHandler(app));
        on(Endpoint.SLOW, new SlowHandler(app));
        on(Endpoint.TASK, AnswerHandler.of(request -> app.task(RequestValues.lastSegment(request))));
        on(Endpoint.STATS, AnswerHandler.of(request -> app.stats()));
        if (handlers.size() != Endpoint.values().length) {
            throw new IllegalStateException("an endpoint of the spec has no handler: " + handlers.keySet());
        }
    }

    private void on(Endpoint endpoint, Handler handler) {
        handlers.put(endpoint, handler);
        addBean(handler);
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(handlers.values());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getCanonicalPath();
        if (path == null) {
            return false;
        }
        for (Map.Entry<Endpoint, Handler> route : handlers.entrySet()) {
            if (route.getKey().method().equals(request.getMethod()) && route.getKey().matches(path)) {
                return route.getValue().handle(request, response, callback);
            }
        }
        if (Endpoint.allowedMethods(path).isEmpty()) {
            return false;
        }
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return true;
    }
}
