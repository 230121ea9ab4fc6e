package dev.offload.spec;

/** Machine-readable {@code code} of every {@link ErrorBody}, with the HTTP status it is sent with. */
public enum ErrorCode {
    MALFORMED_JSON(400),
    INVALID_FIELD(400),
    INVALID_PARAM(400),
    EMPTY_BODY(400),
    NOT_FOUND(404),
    TASK_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    TIMEOUT(408),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    HEADERS_TOO_LARGE(431),
    WORK_FAILED(500),
    UPSTREAM_FAILED(500),
    QUEUE_FULL(503),
    OVERLOADED(503),
    SHUTTING_DOWN(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
