package dev.offload.helidon;

import dev.offload.spec.ErrorBody;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.TaskState;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.DisconnectWatch;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.Json;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.ProgressStream;
import dev.offload.spec.kit.RequestScope;
import dev.offload.spec.kit.Task;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * CANCEL-1..4, {@code GET /work}: the work is forked into a {@link RequestScope} bound to this request. Helidon gives
 * a handler no disconnect callback on HTTP/1.1, so the streaming reply doubles as the probe: a progress line is
 * written and flushed every heartbeat, and the first write that fails means the client is gone, so the scope is
 * cancelled and the task ends CANCELLED. With {@code stream=false} nothing is written until the end, so over HTTP/1.1
 * a {@link ConnectionWatch} reads the connection instead (CANCEL-3); over HTTP/2 Helidon gives no signal at all
 * (CANCEL-4 unsupported). The scope still ends the work if the request thread is interrupted or returns early.
 */
final class WorkService implements HttpService {
    private static final Duration DEFAULT_WORK = Duration.ofSeconds(1);
    private static final MediaType NDJSON = MediaTypes.create("application/x-ndjson");
    private static final byte[] NEWLINE = {'\n'};

    private final OffloadApp app;

    WorkService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/work", this::work)
                .any("/work", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void work(ServerRequest req, ServerResponse res) throws InterruptedException {
        Duration total = Inputs.millis("ms", JsonReplies.query(req, "ms"), DEFAULT_WORK);
        String rawStream = JsonReplies.query(req, "stream");
        boolean stream = rawStream == null || Inputs.flag("stream", rawStream);
        ProgressStream progress = app.progress(total);
        Task task = progress.task();
        res.header(JsonReplies.X_TASK_ID, task.id());
        try (RequestScope scope = new RequestScope()) {
            Future<Void> running = scope.fork(task, progress.work());
            if (stream) {
                stream(res, task, progress, scope);
            } else {
                awaitThenReply(req, res, scope, task, running);
            }
        }
    }

    /** Streams NDJSON; a failed write or flush is the client going away. */
    private static void stream(ServerResponse res, Task task, ProgressStream progress, RequestScope scope)
            throws InterruptedException {
        res.headers().contentType(NDJSON);
        OutputStream out = res.outputStream();
        try {
            line(out, Map.of("taskId", task.id()));
            for (int k = progress.next(); k >= 0; k = progress.next()) {
                line(out, Map.of("progress", k));
            }
            line(out, task.state() == TaskState.SUCCEEDED ? Map.of("result", "done")
                    : ErrorBody.of(ErrorCode.WORK_FAILED, "task " + task.id() + " ended " + task.state()));
            out.close();
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            // Helidon reports a dead socket as ServerConnectionException (a CloseConnectionException)
            scope.cancel("client disconnected");
            throw new CloseConnectionException("client disconnected during /work", e);
        }
    }

    /**
     * {@code stream=false}: nothing is written until the end, so (CANCEL-3) a {@link ConnectionWatch} reads the
     * HTTP/1.1 connection meanwhile; the body is read first, so the watch sees only what comes after it.
     */
    private void awaitThenReply(ServerRequest req, ServerResponse res, RequestScope scope, Task task,
                                Future<Void> running) throws InterruptedException {
        req.content().consume();
        ConnectionWatch.Watcher watcher = app.config().watchDisconnect()
                ? ConnectionWatch.start(req, new DisconnectWatch(scope::cancel)) : null;
        awaitQuietly(running);
        if (watcher == null) {
            JsonReplies.ok(res, result(task));
            return;
        }
        if (watcher.clientLeftBeforeReply()) {
            throw new CloseConnectionException("client left during /work?stream=false");
        }
        if (task.state() == TaskState.SUCCEEDED) {
            JsonReplies.ok(res, result(task));
        } else {
            // sent here, not by the error handler after return: the watch's read must end before Helidon reads on
            ErrorMapping.send(res, ErrorCode.WORK_FAILED, "task " + task.id() + " ended " + task.state());
        }
        watcher.awaitAfterReply();
    }

    private static void line(OutputStream out, Object value) throws IOException {
        out.write(Json.write(value));
        out.write(NEWLINE);
        out.flush();
    }

    private static Map<String, Object> result(Task task) {
        if (task.state() != TaskState.SUCCEEDED) {
            throw new ApiException(ErrorCode.WORK_FAILED, "task " + task.id() + " ended " + task.state());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", task.id());
        body.put("result", "done");
        return body;
    }

    private static void awaitQuietly(Future<Void> running) throws InterruptedException {
        try {
            running.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // the task records how it ended; result() reads it
        }
    }
}
