package dev.offload.helidon;

import dev.offload.spec.kit.Endpoint;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * BG-1/2, {@code POST /send-email}: the kit checks the Content-Type before asking for the body, then the whole body
 * is read into bytes on the request thread ({@link RequestBodies}); only the validated, immutable request goes to
 * the background send.
 */
final class EmailService implements HttpService {
    static final String PATH = "/send-email";

    private final OffloadApp app;

    EmailService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.route(rules, PATH, Endpoint.SEND_EMAIL, this::send);
    }

    private void send(ServerRequest req, ServerResponse res) throws Exception {
        ReplyWriter.send(res, app.sendEmail(RequestValues.header(req, HeaderNames.CONTENT_TYPE),
                RequestBodies.bytes(req)));
    }
}
