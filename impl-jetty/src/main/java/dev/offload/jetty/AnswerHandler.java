package dev.offload.jetty;

import dev.offload.spec.kit.Answer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Base of every endpoint handler: the handler copies raw values out of its request into the kit, which decides the
 * {@link Answer}; {@link ReplyWriter} writes it. What escapes {@link #answer} (a broken body read, Jetty's 400 for
 * a malformed query, a bug) goes to Jetty, whose error handler ({@link ErrorReplies}) answers it. Handlers stay
 * {@code InvocationType.BLOCKING} (the default), so Jetty runs them on virtual threads.
 */
abstract class AnswerHandler extends Handler.Abstract {

    /** How an endpoint without request-reading of its own (plaintext, stats, outbox, task lookups) answers. */
    @FunctionalInterface
    interface Answering {
        Answer answer(Request request) throws Exception;
    }

    static AnswerHandler of(Answering answering) {
        return new AnswerHandler() {
            @Override
            protected Answer answer(Request request) throws Exception {
                return answering.answer(request);
            }
        };
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) throws Exception {
        ReplyWriter.write(request, response, callback, answer(request));
        return true;
    }

    /** The kit's answer to {@code request}; nothing is written to the response yet. */
    protected abstract Answer answer(Request request) throws Exception;
}
