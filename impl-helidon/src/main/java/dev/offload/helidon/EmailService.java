package dev.offload.helidon;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * BG-1/2, {@code POST /send-email}: the whole body is read into bytes on the request thread (Helidon drains an unread
 * entity when the handler returns, so a background read would see nothing), validated by the kit, and only the
 * immutable {@link EmailRequest} goes to the background send. Oversized bodies never get here: the listener's
 * {@code max-payload-size} answers 413 itself (see {@link ErrorMapping}).
 */
final class EmailService implements HttpService {
    private final OffloadApp app;

    EmailService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/send-email", this::send)
                .any("/send-email", ErrorMapping.methodNotAllowed(Method.POST))
                .get("/outbox", (req, res) -> JsonReplies.ok(res, app.outbox()))
                .any("/outbox", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void send(ServerRequest req, ServerResponse res) {
        String contentType = JsonReplies.header(req, HeaderNames.CONTENT_TYPE);
        Inputs.requireMediaType(contentType, "application/json");
        byte[] body = req.content().hasEntity() ? RequestBodies.read(req, byte[].class) : new byte[0];
        EmailRequest email = Inputs.email(contentType, body, app.config().maxBodyBytes());
        var accepted = app.sendEmail(email);
        res.header(JsonReplies.X_TASK_ID, accepted.taskId());
        JsonReplies.accepted(res, accepted);
    }
}
