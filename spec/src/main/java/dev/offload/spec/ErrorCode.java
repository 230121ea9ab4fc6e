package dev.offload.spec;

/** Machine-readable {@code code} of every {@link ErrorBody}, with the HTTP status it is sent with. */
public enum ErrorCode {
    /** A request the HTTP layer itself refused (bad request line, header or chunk) before any handler ran. */
    BAD_REQUEST(400),
    MALFORMED_JSON(400),
    INVALID_FIELD(400),
    INVALID_PARAM(400),
    EMPTY_BODY(400),
    NOT_FOUND(404),
    TASK_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    TIMEOUT(408),
    PAYLOAD_TOO_LARGE(413),
    /** The request target is longer than the server reads (its own limit). */
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    HEADERS_TOO_LARGE(431),
    /** A bug in the server; the message says nothing about internals. */
    INTERNAL_ERROR(500),
    WORK_FAILED(500),
    UPSTREAM_FAILED(500),
    /** A transfer coding before the final chunked that the server does not implement (RFC 9112 section 6.1). */
    UNSUPPORTED_TRANSFER_CODING(501),
    QUEUE_FULL(503),
    OVERLOADED(503),
    SHUTTING_DOWN(503),
    /** The server does not serve this HTTP version (Helidon 4.5.0 and HTTP/1.0). */
    HTTP_VERSION_NOT_SUPPORTED(505);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code for a status a server's HTTP layer produced by itself, before or outside any handler. What a 503
     * means there differs per server (a concurrency limit, a graceful stop), so the caller names it.
     */
    public static ErrorCode ofServerStatus(int status, ErrorCode unavailable) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 408 -> TIMEOUT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 501 -> UNSUPPORTED_TRANSFER_CODING;
            case 503 -> unavailable;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            // any other 4xx is the HTTP layer refusing the request (bad URI, query, header or chunk);
            // any other 5xx is an exception no handler mapped: a bug, reported without internals
            default -> status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
