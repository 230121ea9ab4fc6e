package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * What a black-box client looks at, one path each at the root: {@code GET /plaintext} (the load-test baseline),
 * {@code /stats} (LEAK-1), {@code /outbox} (BG-1) and {@code /tasks/{id}}.
 */
final class ObservationService implements HttpService {
    private final OffloadApp app;

    ObservationService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, "", Endpoint.PLAINTEXT, (req, res) -> ReplyWriter.send(res, app.plaintext()));
        Routes.route(rules, "", Endpoint.STATS, (req, res) -> ReplyWriter.send(res, app.stats()));
        Routes.route(rules, "", Endpoint.OUTBOX, (req, res) -> ReplyWriter.send(res, app.outbox()));
        Routes.route(rules, "", Endpoint.TASK, (req, res) -> ReplyWriter.send(res, app.task(RequestValues.id(req))));
    }
}
