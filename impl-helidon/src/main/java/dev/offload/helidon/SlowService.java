package dev.offload.helidon;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.Replies.SlowResult;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.Deadline;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;

/**
 * TIMEOUT-1/2/3, {@code GET /slow}: Helidon has no handler timeout, so the work runs as a kit {@link Deadline} task
 * and the request's own virtual thread is the timer ({@link Deadline#await()}): at the deadline the work is
 * interrupted (TIMED_OUT) and the handler answers 408 on the same, still usable keep-alive connection.
 */
final class SlowService implements HttpService {
    private static final Duration DEFAULT_WORK = Duration.ofSeconds(1);

    private final OffloadApp app;

    SlowService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/slow", this::slow)
                .any("/slow", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void slow(ServerRequest req, ServerResponse res) throws InterruptedException {
        Duration work = Inputs.millis("ms", JsonReplies.query(req, "ms"), DEFAULT_WORK);
        boolean fail = Inputs.flag("fail", JsonReplies.query(req, "fail"));
        Deadline<String> deadline = app.startSlow(work, fail);
        String taskId = deadline.task().id();
        res.header(JsonReplies.X_TASK_ID, taskId);
        Deadline.Outcome<String> outcome;
        try {
            outcome = deadline.await();
        } catch (InterruptedException e) {
            // the server is force-closing this request: do not leave the work running behind it
            deadline.expire();
            throw e;
        }
        switch (outcome) {
            case Deadline.Outcome.Completed<String> done -> JsonReplies.ok(res, new SlowResult(done.value(), taskId));
            case Deadline.Outcome.Failed<String> failed -> throw new ApiException(ErrorCode.WORK_FAILED,
                    "task " + taskId + " failed: " + failed.message());
            case Deadline.Outcome.TimedOut<String> timedOut -> throw new ApiException(ErrorCode.TIMEOUT,
                    "task " + taskId + " exceeded the deadline of " + timedOut.deadline().toMillis() + " ms");
        }
    }
}
