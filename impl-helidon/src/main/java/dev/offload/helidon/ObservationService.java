package dev.offload.helidon;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What a black-box client looks at: {@code GET /plaintext} (the load-test baseline), {@code /stats} (LEAK-1) and
 * {@code /tasks/{id}}. {@code GET /outbox} lives with the e-mail endpoint it observes.
 */
final class ObservationService implements HttpService {
    private static final byte[] HELLO = "Hello, World!".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final OffloadApp app;

    ObservationService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/plaintext", (req, res) -> {
                    res.headers().contentType(MediaTypes.TEXT_PLAIN);
                    res.send(HELLO);
                })
                .any("/plaintext", ErrorMapping.methodNotAllowed(Method.GET))
                .get("/stats", (req, res) -> JsonReplies.ok(res, app.stats()))
                .any("/stats", ErrorMapping.methodNotAllowed(Method.GET))
                .get("/tasks/{id}", this::task)
                .any("/tasks/{id}", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void task(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        JsonReplies.ok(res, app.task(id).orElseThrow(
                () -> new ApiException(ErrorCode.TASK_NOT_FOUND, "no task with id '" + id + "'")));
    }
}
