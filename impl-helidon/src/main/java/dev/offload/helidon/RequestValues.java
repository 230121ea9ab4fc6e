package dev.offload.helidon;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.ApiException;
import io.helidon.http.HeaderName;
import io.helidon.webserver.http.ServerRequest;

/** The raw values handlers copy out of a request for the kit: absent is null, the kit validates the rest. */
final class RequestValues {
    private RequestValues() {
    }

    /** A query parameter, or null. Undecodable input ({@code %zz}) is a 400 through the routing error handler. */
    static String query(ServerRequest req, String name) {
        try {
            return req.query().contains(name) ? req.query().get(name) : null;
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "query parameter " + name + " is not valid URL encoding");
        }
    }

    static String header(ServerRequest req, HeaderName name) {
        return req.headers().first(name).orElse(null);
    }

    /** The {@code {id}} of a {@code /…/{id}} route. */
    static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
