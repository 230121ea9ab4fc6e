package dev.offload.jetty;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** BG-1/2: {@code POST /send-email}. Validates fully, then accepts with 202 before the send runs. */
final class EmailHandler extends JsonHandler {
    private final OffloadApp app;

    EmailHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected void serve(Request request, Response response, Callback callback) throws Exception {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        int maxBytes = app.config().maxBodyBytes();
        // 415 before reading a byte: a wrong Content-Type is refused whatever the body.
        Inputs.requireMediaType(contentType, "application/json");
        EmailRequest email = Inputs.email(contentType, Http.body(request, maxBytes, app.config().bodyTimeout()), maxBytes);
        Http.json(response, callback, 202, app.sendEmail(email));
    }
}
