package dev.offload.jetty;

import dev.offload.spec.TaskState;
import dev.offload.spec.kit.DisconnectWatch;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.Json;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.ProgressStream;
import dev.offload.spec.kit.RequestScope;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * CANCEL-1..4: {@code GET /work}. The work is forked into a {@link RequestScope} bound to this exchange. Jetty
 * tells the scope the client is gone in three ways: a failed write (HTTP/1.1 streaming: the heartbeat write is the
 * probe), a {@link DisconnectProbe} (HTTP/1.1 with {@code stream=false}: nothing is written, so the connection is
 * read one byte at a time while the work runs) and {@link Request#addFailureListener} (HTTP/2: a stream reset or
 * closed connection arrives at once, even while nothing is written).
 *
 * <p>{@code Task} is spelled out in full: {@code Handler.Abstract} inherits Jetty's own {@code Invocable.Task}.
 */
final class WorkHandler extends JsonHandler {
    private static final Duration DEFAULT_WORK = Duration.ofMillis(1000);
    private static final String NDJSON = "application/x-ndjson";

    private final OffloadApp app;

    WorkHandler(OffloadApp app) {
        this.app = app;
    }

    record Started(String taskId) {
    }

    record Progress(int progress) {
    }

    record Done(String result) {
    }

    record DoneWithId(String taskId, String result) {
    }

    @Override
    protected void serve(Request request, Response response, Callback callback) throws Exception {
        Duration work = Inputs.millis("ms", Http.query(request, "ms"), DEFAULT_WORK);
        String streamParam = Http.query(request, "stream");
        boolean stream = streamParam == null || Inputs.flag("stream", streamParam);
        ProgressStream progress = app.progress(work);
        dev.offload.spec.kit.Task task = progress.task();
        response.getHeaders().put("X-Task-Id", task.id());
        try (RequestScope scope = new RequestScope()) {
            request.addFailureListener(failure -> scope.cancel("client went away: " + describe(failure)));
            Future<Void> running = scope.fork(task, progress.work());
            if (stream) {
                stream(response, callback, scope, task, progress, running);
            } else {
                // ms (<= 60 s) bounds the wait; a connection idle timeout must not end it early.
                request.addIdleTimeoutListener(timeout -> false);
                awaitThenReply(request, response, callback, scope, task, running);
            }
        }
    }

    private static void stream(Response response, Callback callback, RequestScope scope,
                               dev.offload.spec.kit.Task task, ProgressStream progress, Future<Void> running)
            throws InterruptedException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
        try {
            writeLine(response, new Started(task.id()));
            for (int k = progress.next(); k >= 0; k = progress.next()) {
                writeLine(response, new Progress(k));
            }
            if (!finished(task, running)) {
                callback.failed(new EofException("work ended " + task.state() + ": " + scope.cancelReason()));
                return;
            }
            response.write(true, ByteBuffer.wrap(line(new Done("done"))), callback);
        } catch (IOException e) {
            // The heartbeat write failed: the client is gone. Cancel the work bound to it.
            scope.cancel("client disconnected: " + describe(e));
            callback.failed(e);
        }
    }

    /** CANCEL-3: while it waits, a {@link DisconnectProbe} watches the HTTP/1.1 connection (body read first). */
    private void awaitThenReply(Request request, Response response, Callback callback, RequestScope scope,
                                dev.offload.spec.kit.Task task, Future<Void> running)
            throws InterruptedException, IOException {
        Content.Source.consumeAll(request);
        DisconnectProbe probe = app.config().watchDisconnect()
                ? DisconnectProbe.start(request, new DisconnectWatch(scope::cancel)) : null;
        boolean done;
        try {
            done = finished(task, running);
        } finally {
            if (probe != null) {
                probe.withdraw();
            }
        }
        if (!done) {
            callback.failed(new EofException("work ended " + task.state()));
            return;
        }
        Http.json(response, callback, 200, new DoneWithId(task.id(), "done"));
    }

    /** Waits for the forked work itself (not only its last progress step), so closing the scope cancels nothing. */
    private static boolean finished(dev.offload.spec.kit.Task task, Future<Void> running)
            throws InterruptedException {
        try {
            running.get();
        } catch (CancellationException | ExecutionException e) {
            return false;
        }
        return task.state() == TaskState.SUCCEEDED;
    }

    private static void writeLine(Response response, Object line) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(line(line)), written);
            written.block();
        }
    }

    private static byte[] line(Object value) {
        byte[] json = Json.write(value);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
