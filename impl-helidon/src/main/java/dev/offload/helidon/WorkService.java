package dev.offload.helidon;

import dev.offload.spec.kit.Answer;
import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.PendingReply;
import dev.offload.spec.kit.ReplyStream;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * CANCEL-1..4, {@code GET /work}: the kit forks the work into a request scope. Helidon gives a handler no disconnect
 * callback on HTTP/1.1, so the streaming reply doubles as the probe: {@link ReplyWriter} flushes each heartbeat line
 * and the first write that fails cancels the {@link ReplyStream}, so the task ends CANCELLED. With
 * {@code stream=false} nothing is written until the end, so over HTTP/1.1 a {@link ConnectionWatch} reads the
 * connection instead (CANCEL-3); over HTTP/2 Helidon gives no signal at all (CANCEL-4 unsupported, see the module's
 * status notes). The pending reply still cancels the work if the request ends early.
 */
final class WorkService implements HttpService {
    static final String PATH = "/work";

    private final OffloadApp app;

    WorkService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.WORK, this::work);
    }

    private void work(ServerRequest req, ServerResponse res) throws InterruptedException {
        boolean watch = app.config().watchDisconnect();
        if (watch) {
            req.content().consume(); // the watch reads the connection: the body must be read before it starts
        }
        Answer answer = app.work(RequestValues.query(req, "ms"), RequestValues.query(req, "stream"));
        if (watch && answer instanceof PendingReply pending) {
            ConnectionWatch.reply(req, res, pending);
        } else {
            ReplyWriter.write(res, answer);
        }
    }
}
