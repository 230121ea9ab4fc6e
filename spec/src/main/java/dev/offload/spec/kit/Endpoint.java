package dev.offload.spec.kit;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the spec (openapi.yaml), with its one method. Both servers route from this table, and the 405's
 * {@code Allow} is derived from it ({@link #allowedMethods}) rather than written per path.
 */
public enum Endpoint {
    PLAINTEXT("GET", "/plaintext"),
    COPY("GET", "/copy"),
    WORK("GET", "/work"),
    SEND_EMAIL("POST", "/send-email"),
    OUTBOX("GET", "/outbox"),
    SUBMIT_JOB("POST", "/job"),
    JOB("GET", "/job/{id}"),
    DATA("GET", "/data"),
    SLOW("GET", "/slow"),
    TASK("GET", "/tasks/{id}"),
    STATS("GET", "/stats");

    private final String method;
    private final String path;

    Endpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public String method() {
        return method;
    }

    /** The path template; {@code {id}} stands for exactly one non-empty segment. */
    public String path() {
        return path;
    }

    /** Whether {@code requestPath} (decoded, without query) is this endpoint's path. */
    public boolean matches(String requestPath) {
        int brace = path.indexOf('{');
        if (brace < 0) {
            return path.equals(requestPath);
        }
        String prefix = path.substring(0, brace);
        return requestPath.startsWith(prefix) && requestPath.length() > prefix.length()
                && requestPath.indexOf('/', prefix.length()) < 0;
    }

    /** The methods the spec serves on {@code requestPath}; empty for a path it does not know (404). */
    public static List<String> allowedMethods(String requestPath) {
        List<String> methods = new ArrayList<>();
        for (Endpoint endpoint : values()) {
            if (endpoint.matches(requestPath) && !methods.contains(endpoint.method)) {
                methods.add(endpoint.method);
            }
        }
        return methods;
    }
}
