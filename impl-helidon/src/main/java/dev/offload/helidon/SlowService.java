package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import dev.offload.spec.kit.PendingReply;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * TIMEOUT-1/2/3, {@code GET /slow}: Helidon has no handler timeout, so the request's own virtual thread is the timer:
 * {@link ReplyWriter} blocks in {@link PendingReply#await()}, which at the deadline interrupts the work (TIMED_OUT)
 * and yields the kit's 408, sent on the same, still usable keep-alive connection.
 */
final class SlowService implements HttpService {
    static final String PATH = "/slow";

    private final OffloadApp app;

    SlowService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.SLOW, (req, res) -> ReplyWriter.write(res,
                app.slow(RequestValues.query(req, "ms"), RequestValues.query(req, "fail"))));
    }
}
