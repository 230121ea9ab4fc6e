package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;

/**
 * POOL-1/2/3, ERR-1: {@code POST /job}. The form is decoded by Jetty's {@code FormFields}; the kit's bounded pool
 * accepts (202) or refuses at once (503 QUEUE_FULL with {@code Retry-After}), so the caller is never blocked.
 */
final class JobHandler extends AnswerHandler {
    private final OffloadApp app;

    JobHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) throws Exception {
        int maxBytes = app.config().maxBodyBytes();
        return app.submitJob(RequestValues.contentType(request), () -> RequestValues.form(request, maxBytes));
    }
}
