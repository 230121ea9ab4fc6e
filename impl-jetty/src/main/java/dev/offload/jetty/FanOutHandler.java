package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.server.Request;

/**
 * FAN-1/2: {@code GET /data}. Blocks this (virtual) request thread on the kit's fail-fast fan-out; a failed child is
 * 500 UPSTREAM_FAILED and its sibling is cancelled by the kit.
 */
final class FanOutHandler extends AnswerHandler {
    private final OffloadApp app;

    FanOutHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected Answer answer(Request request) throws InterruptedException {
        return app.data(RequestValues.query(request, "fail"));
    }
}
