package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.OffloadApp;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

import java.io.ByteArrayInputStream;

/**
 * POOL-1/2/3, ERR-1: {@code POST /job}. The kit's bounded pool accepts (202) or refuses at once; a full queue is
 * 503 QUEUE_FULL with {@code Retry-After}, so the caller is never blocked.
 */
final class JobHandler extends JsonHandler {
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The form has two fields; a flood of keys is refused rather than collected. */
    private static final int MAX_FIELDS = 16;

    private final OffloadApp app;

    JobHandler(OffloadApp app) {
        this.app = app;
    }

    @Override
    protected void serve(Request request, Response response, Callback callback) throws Exception {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Inputs.requireMediaType(contentType, FORM);
        Fields form = new Fields();
        try {
            int maxBytes = app.config().maxBodyBytes();
            UrlEncoded.decodeUtf8To(new ByteArrayInputStream(Http.body(request, maxBytes, app.config().bodyTimeout())), form, maxBytes,
                    MAX_FIELDS);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "form body is not valid URL-encoded UTF-8 with at most " + MAX_FIELDS + " fields");
        }
        Inputs.JobRequest job = Inputs.job(contentType, form.getValue("data"), form.getValue("ms"));
        try {
            Http.json(response, callback, 202, app.submitJob(job));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.QUEUE_FULL) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            }
            throw e;
        }
    }
}
