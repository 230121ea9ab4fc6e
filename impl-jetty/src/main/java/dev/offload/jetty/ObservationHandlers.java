package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.TaskView;
import dev.offload.spec.kit.ApiException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The read-only endpoints a black-box client observes the server through: plaintext, stats, tasks, outbox. */
final class ObservationHandlers {
    private ObservationHandlers() {
    }

    /** {@code GET /plaintext}: the load-test baseline; no kit, no JSON, never blocks. */
    static final class Plaintext extends Handler.Abstract.NonBlocking {
        private static final ByteBuffer HELLO = ByteBuffer.wrap("Hello, World!".getBytes(StandardCharsets.UTF_8))
                .asReadOnlyBuffer();

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, HELLO.remaining());
            response.write(true, HELLO.slice(), callback);
            return true;
        }
    }

    /** {@code GET /stats} (LEAK-1) and {@code GET /outbox} (BG-1): a fresh snapshot of the app's state as JSON. */
    static final class Snapshot extends JsonHandler {
        private final Supplier<Object> snapshot;

        Snapshot(Supplier<Object> snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        protected void serve(Request request, Response response, Callback callback) {
            Http.json(response, callback, 200, snapshot.get());
        }
    }

    /**
     * {@code GET /tasks/{id}} and {@code GET /job/{id}}: the id comes from the {@link UriTemplatePathSpec} that
     * {@link PathMappingsHandler} matched (it leaves the spec in a request attribute).
     */
    static final class TaskLookup extends JsonHandler {
        private final Function<String, Optional<TaskView>> lookup;

        TaskLookup(Function<String, Optional<TaskView>> lookup) {
            this.lookup = lookup;
        }

        @Override
        protected void serve(Request request, Response response, Callback callback) {
            PathSpec matched = (PathSpec) request.getAttribute(PathMappingsHandler.PATHSPEC_ATTR);
            // The whole canonical path: the request PathMappingsHandler passes on reports only the part after the
            // match as its path in context, and the context is "/".
            String id = ((UriTemplatePathSpec) matched).getPathParams(request.getHttpURI().getCanonicalPath())
                    .get("id");
            TaskView task = lookup.apply(id).orElseThrow(() ->
                    new ApiException(ErrorCode.TASK_NOT_FOUND, "no task with id '" + abbreviate(id) + "'"));
            Http.json(response, callback, 200, task);
        }

        private static String abbreviate(String id) {
            String printable = id.replaceAll("[^\\x20-\\x7e]", "?");
            return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
        }
    }
}
