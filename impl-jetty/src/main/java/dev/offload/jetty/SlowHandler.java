package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.Replies.SlowResult;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.Deadline;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * TIMEOUT-1/2/3: {@code GET /slow}. No thread waits for the deadline: Jetty's own scheduler fires
 * {@link Deadline#expire()} (the kit's exactly-once guard decides between work and timer), and whichever outcome
 * comes first writes 200, 500 or 408. The response is written by a normal completed exchange, so the keep-alive
 * connection survives a 408.
 */
final class SlowHandler extends JsonHandler {
    private static final Duration DEFAULT_WORK = Duration.ofMillis(1000);

    private final OffloadApp app;

    SlowHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected void serve(Request request, Response response, Callback callback) {
        Duration work = Inputs.millis("ms", Http.query(request, "ms"), DEFAULT_WORK);
        boolean fail = Inputs.flag("fail", Http.query(request, "fail"));
        Deadline<String> deadline = app.startSlow(work, fail);
        String taskId = deadline.task().id();
        response.getHeaders().put("X-Task-Id", taskId);
        // The deadline bounds this exchange; a connection idle timeout (1 s during a graceful stop) must not fail it.
        request.addIdleTimeoutListener(timeout -> false);
        Scheduler.Task timer = request.getComponents().getScheduler()
                .schedule(deadline::expire, deadline.deadline().toNanos(), TimeUnit.NANOSECONDS);
        deadline.outcome().thenAccept(outcome -> {
            timer.cancel();
            switch (outcome) {
                case Deadline.Outcome.Completed<String> done ->
                        Http.json(response, callback, 200, new SlowResult(done.value(), taskId));
                case Deadline.Outcome.Failed<String> failed ->
                        Http.error(response, callback, new ApiException(ErrorCode.WORK_FAILED, failed.message()));
                case Deadline.Outcome.TimedOut<String> late -> Http.error(response, callback, new ApiException(
                        ErrorCode.TIMEOUT, "deadline of " + late.deadline().toMillis() + " ms exceeded"));
            }
        });
    }
}
