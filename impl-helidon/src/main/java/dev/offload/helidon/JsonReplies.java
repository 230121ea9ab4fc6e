package dev.offload.helidon;

import dev.offload.spec.kit.ApiException;
import dev.offload.spec.kit.Json;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** How every handler writes JSON and reads plain values, so no handler formats a body or parses a query itself. */
final class JsonReplies {
    static final HeaderName X_TASK_ID = HeaderNames.create("X-Task-Id");
    static final HeaderName X_TRACE = HeaderNames.create("X-Trace");

    private JsonReplies() {
    }

    /** Sends {@code body} as {@code application/json} through the kit's mapper (identical bytes on every server). */
    static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(Json.write(body));
    }

    static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    static void accepted(ServerResponse res, Object body) {
        send(res, Status.ACCEPTED_202, body);
    }

    /** A query parameter, or null when absent. Undecodable input ({@code %zz}) is a 400, not a 500. */
    static String query(ServerRequest req, String name) {
        try {
            return req.query().contains(name) ? req.query().get(name) : null;
        } catch (IllegalArgumentException e) {
            throw new ApiException(dev.offload.spec.ErrorCode.INVALID_PARAM,
                    "query parameter " + name + " is not valid URL encoding");
        }
    }

    /** A request header, or null when absent. */
    static String header(ServerRequest req, HeaderName name) {
        return req.headers().first(name).orElse(null);
    }
}
