package dev.offload.spec.kit;

import dev.offload.spec.ErrorBody;
import dev.offload.spec.ErrorCode;

/**
 * A request the server refuses with a spec error: the servers map it to {@code code.status()} and
 * {@link #body()}. No stack trace is captured: it is control flow, not a bug, and never reaches a client.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public ErrorBody body() {
        return ErrorBody.of(code, getMessage());
    }
}
