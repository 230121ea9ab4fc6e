package dev.offload.spec.kit;

import dev.offload.spec.ErrorBody;
import dev.offload.spec.ErrorCode;
import dev.offload.spec.TaskState;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NDJSON reply of {@code GET /work}: a {@link #head()} (200, {@code application/x-ndjson}, {@code X-Task-Id}),
 * then encoded lines from {@link #next()}: {@code {"taskId"}}, one {@code {"progress":k}} per heartbeat, and one
 * defined end — {@code {"result":"done"}} when the task SUCCEEDED, otherwise the spec's error body with WORK_FAILED
 * naming the state it ended in (FAILED or CANCELLED). A server writes and flushes each line; a failed write is the
 * client going away, so it calls {@link #cancel}. {@link #close()} ends the request scope.
 */
public final class ReplyStream implements Answer, AutoCloseable {
    private final Task task;
    private final ProgressStream progress;
    private final RequestScope scope;
    private boolean started;
    private boolean ended;

    ReplyStream(Task task, ProgressStream progress, RequestScope scope) {
        this.task = task;
        this.progress = progress;
        this.scope = scope;
    }

    public String taskId() {
        return task.id();
    }

    public Reply head() {
        return Reply.head(200, Reply.NDJSON).withTaskId(task.id());
    }

    /** The next line, newline included; blocks for the next heartbeat. Null once the end line was returned. */
    public byte[] next() throws InterruptedException {
        if (ended) {
            return null;
        }
        if (!started) {
            started = true;
            return line(Map.of("taskId", task.id()));
        }
        int step = progress.next();
        if (step >= 0) {
            return line(Map.of("progress", step));
        }
        ended = true;
        return line(task.state() == TaskState.SUCCEEDED ? Map.of("result", "done") : failure(task));
    }

    /** The client is gone (a write failed, the stream was reset): the work ends CANCELLED. */
    public void cancel(String reason) {
        scope.cancel(reason);
    }

    @Override
    public void close() {
        scope.close();
    }

    static ErrorBody failure(Task task) {
        String why = task.view().error();
        return ErrorBody.of(ErrorCode.WORK_FAILED, "task " + task.id() + " ended " + task.state()
                + (why == null || why.isBlank() ? "" : ": " + why));
    }

    static byte[] line(Object value) {
        byte[] json = Json.write(value);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** {@code {"taskId","result":"done"}} of the non-streaming form, in that key order. */
    static Map<String, Object> done(Task task) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", task.id());
        body.put("result", "done");
        return body;
    }
}
