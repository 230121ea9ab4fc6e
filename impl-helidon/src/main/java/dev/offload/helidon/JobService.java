package dev.offload.helidon;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * POOL-1/2/3 and ERR-1, {@code POST /job} and {@code GET /job/{id}}: the form is read with Helidon's form media
 * support, validated by the kit, and handed to the kit's bounded pool. A full queue is an {@link ApiException}
 * (QUEUE_FULL) that {@link ErrorMapping} answers 503 with {@code Retry-After}; the handler never blocks on the pool.
 */
final class JobService implements HttpService {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final OffloadApp app;

    JobService(OffloadApp app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/job", this::submit)
                .any("/job", ErrorMapping.methodNotAllowed(Method.POST))
                .get("/job/{id}", this::find)
                .any("/job/{id}", ErrorMapping.methodNotAllowed(Method.GET));
    }

    private void submit(ServerRequest req, ServerResponse res) {
        String contentType = JsonReplies.header(req, HeaderNames.CONTENT_TYPE);
        Inputs.requireMediaType(contentType, FORM);
        Parameters form = readForm(req);
        Inputs.JobRequest job = Inputs.job(contentType, first(form, "data"), first(form, "ms"));
        var accepted = app.submitJob(job);
        res.header(JsonReplies.X_TASK_ID, accepted.jobId());
        JsonReplies.accepted(res, accepted);
    }

    private void find(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        JsonReplies.ok(res, app.job(id).orElseThrow(
                () -> new ApiException(ErrorCode.TASK_NOT_FOUND, "no job with id '" + id + "'")));
    }

    private static Parameters readForm(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return Parameters.empty("form");
        }
        try {
            return RequestBodies.read(req, Parameters.class);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "body is not valid " + FORM);
        }
    }

    private static String first(Parameters form, String name) {
        return form.contains(name) ? form.get(name) : null;
    }
}
