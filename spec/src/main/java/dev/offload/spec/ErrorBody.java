package dev.offload.spec;

/** Every error response: {@code {"error": "<message>", "code": "<MACHINE_CODE>"}}, never a stack trace. */
public record ErrorBody(String error, String code) {
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(message, code.name());
    }
}
