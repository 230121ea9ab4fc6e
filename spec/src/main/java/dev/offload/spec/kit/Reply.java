package dev.offload.spec.kit;

import dev.offload.spec.ErrorBody;
import dev.offload.spec.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A finished HTTP reply: status, the headers the spec decides, and the body bytes (the content type is one of the
 * headers). Which headers an error carries follows from its {@link ErrorCode} alone ({@link #error}), so no server
 * decides {@code Retry-After} or {@code Connection: close} by itself. Immutable; {@code with…} returns a copy.
 */
public final class Reply implements Answer {
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String X_TASK_ID = "X-Task-Id";
    public static final String X_TRACE = "X-Trace";
    public static final String ALLOW = "Allow";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String CONNECTION = "Connection";

    /** {@code Retry-After} of every 503: the spec asks clients to come back soon, not to give up. */
    static final String RETRY_AFTER_SECONDS = "1";
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    private Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this.status = status;
        this.headers = Collections.unmodifiableList(headers);
        this.body = body;
    }

    /** {@code value} as JSON through the kit's one mapper (identical bytes on every server). */
    public static Reply json(int status, Object value) {
        return new Reply(status, List.of(Map.entry(CONTENT_TYPE, JSON)), Json.write(value));
    }

    public static Reply ok(Object value) {
        return json(200, value);
    }

    public static Reply text(String text) {
        return new Reply(200, List.of(Map.entry(CONTENT_TYPE, TEXT)), text.getBytes(StandardCharsets.UTF_8));
    }

    /** A status and headers with no body yet: the head of a {@link ReplyStream}. */
    static Reply head(int status, String contentType) {
        return new Reply(status, List.of(Map.entry(CONTENT_TYPE, contentType)), NO_BODY);
    }

    /**
     * The spec's error reply for {@code code}: its status, the JSON error body, and the headers the code implies —
     * every 503 tells the client when to retry ({@code Retry-After}); a refusal because the server is stopping also
     * closes the connection, so the client reconnects elsewhere instead of reusing it.
     */
    public static Reply error(ErrorCode code, String message) {
        Reply reply = json(code.status(), ErrorBody.of(code, message));
        if (code.status() == 503) {
            reply = reply.with(RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (code == ErrorCode.SHUTTING_DOWN) {
            reply = reply.with(CONNECTION, "close");
        }
        return reply;
    }

    public static Reply error(ApiException e) {
        return error(e.code(), e.getMessage());
    }

    /** An added header (names are kept as given; the spec's names are the constants above). */
    public Reply with(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Reply(status, more, body);
    }

    /** {@code X-Task-Id}: the spec puts the id of the task a request started on every reply that has one. */
    public Reply withTaskId(String taskId) {
        return with(X_TASK_ID, taskId);
    }

    public int status() {
        return status;
    }

    /** In order, content type first. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    public String contentType() {
        return header(CONTENT_TYPE);
    }

    /** The body bytes; do not modify. */
    public byte[] body() {
        return body;
    }

    /** The server must close the connection after writing this reply (and say so, which the header does). */
    public boolean closesConnection() {
        return "close".equalsIgnoreCase(header(CONNECTION));
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + new String(body, StandardCharsets.UTF_8);
    }
}
