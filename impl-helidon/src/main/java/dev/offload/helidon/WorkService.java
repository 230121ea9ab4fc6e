package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.ReplyStream;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * CANCEL-1..4, {@code GET /work}: the kit forks the work into a request scope. Helidon gives a handler no disconnect
 * callback on HTTP/1.1, so the streaming reply doubles as the probe: {@link ReplyWriter} flushes each heartbeat line
 * and the first write that fails cancels the {@link ReplyStream}, so the task ends CANCELLED. With
 * {@code stream=false} nothing is written until the end, so a disconnect cannot be seen (CANCEL-3/4 unsupported,
 * see the module's status notes); the pending reply still cancels the work if the request ends early.
 */
final class WorkService implements HttpService {
    static final String PATH = "/work";

    private final OffloadApp app;

    WorkService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.WORK, (req, res) -> ReplyWriter.write(res,
                app.work(RequestValues.query(req, "ms"), RequestValues.query(req, "stream"))));
    }
}
