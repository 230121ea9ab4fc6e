package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * POOL-1/2/3 and ERR-1, {@code POST /job} and {@code GET /job/{id}}: the form is read with Helidon's form media
 * support ({@link RequestBodies#form}) and handed to the kit's bounded pool, which queues it (202) or refuses it at
 * once (503 QUEUE_FULL with {@code Retry-After}); the handler never blocks on the pool.
 */
final class JobService implements HttpService {
    static final String PATH = "/job";

    private final OffloadApp app;

    JobService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.SUBMIT_JOB, this::submit);
        Routes.route(rules, PATH, Endpoint.JOB, (req, res) -> ReplyWriter.send(res, app.job(RequestValues.id(req))));
    }

    private void submit(ServerRequest req, ServerResponse res) throws Exception {
        ReplyWriter.send(res, app.submitJob(RequestValues.header(req, HeaderNames.CONTENT_TYPE),
                RequestBodies.form(req)));
    }
}
