package dev.offload.spec.kit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.EmailRequest;
import dev.offload.spec.ErrorCode;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validation of everything a client sends, shared by both servers so they refuse the same inputs with the same
 * error codes (BG-2). Each method returns a clean value or throws {@link ApiException}.
 */
public final class Inputs {
    /** Largest {@code ms} any endpoint accepts; larger values are refused, not clamped. */
    public static final long MAX_WORK_MS = 60_000;
    /** Longest {@code data} of a job. */
    public static final int MAX_JOB_DATA = 1024;

    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,253}");

    private Inputs() {
    }

    /** A {@code ms} query or form value: digits only, 0..{@value #MAX_WORK_MS}; absent → {@code fallback}. */
    public static Duration millis(String name, String raw, Duration fallback) {
        if (raw == null) {
            return fallback;
        }
        if (!DIGITS.matcher(raw).matches() || Long.parseLong(raw) > MAX_WORK_MS) {
            throw new ApiException(ErrorCode.INVALID_PARAM,
                    name + " must be an integer from 0 to " + MAX_WORK_MS + ", got '" + abbreviate(raw) + "'");
        }
        return Duration.ofMillis(Long.parseLong(raw));
    }

    /** {@code true}, {@code false} or absent (false). */
    public static boolean flag(String name, String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new ApiException(ErrorCode.INVALID_PARAM, name + " must be true or false, got '" + abbreviate(raw) + "'");
    }

    /** {@code fail} of {@code GET /data}: absent, {@code user} or {@code orders}. */
    public static Optional<String> failingChild(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw.equals("user") || raw.equals("orders")) {
            return Optional.of(raw);
        }
        throw new ApiException(ErrorCode.INVALID_PARAM, "fail must be user or orders, got '" + abbreviate(raw) + "'");
    }

    /** Refuses a body whose Content-Type is not {@code expected} (parameters such as charset=utf-8 allowed). */
    public static void requireMediaType(String contentType, String expected) {
        if (contentType == null) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + expected);
        }
        String[] parts = contentType.split(";");
        boolean utf8 = true;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String charset = p.substring("charset=".length()).replace("\"", "");
                utf8 = charset.equals("utf-8") || charset.equals("utf8");
            }
        }
        if (!parts[0].trim().equalsIgnoreCase(expected) || !utf8) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + expected + " (UTF-8), got '" + abbreviate(contentType) + "'");
        }
    }

    /** A body larger than {@code maxBytes} is refused with 413 (servers also stop reading at the limit). */
    public static void requireSize(long length, int maxBytes) {
        if (length > maxBytes) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(maxBytes));
        }
    }

    /** The one wording of a 413, whether the kit or the server's own limit refused the body. */
    public static String tooLarge(int maxBytes) {
        return "body exceeds " + maxBytes + " bytes";
    }

    /** {@code POST /send-email}: Content-Type, size, JSON shape and field rules, in that order. */
    public static EmailRequest email(String contentType, byte[] body, int maxBytes) {
        requireMediaType(contentType, "application/json");
        requireSize(body.length, maxBytes);
        if (body.length == 0) {
            throw new ApiException(ErrorCode.EMPTY_BODY, "request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = Json.tree(body);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "body is not valid JSON");
        }
        if (!node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "body must be a JSON object, got " + kind(node));
        }
        String to = text(node, "to", true);
        if (to.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "to must not be blank");
        }
        if (!ADDRESS.matcher(to).matches()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "to must be an e-mail address like name@example.com");
        }
        return new EmailRequest(to, text(node, "subject", false), text(node, "body", false));
    }

    /** {@code POST /job}: form fields {@code data} (required, 1..1024 chars) and {@code ms} (default 100). */
    public static JobRequest job(String contentType, String data, String ms) {
        requireMediaType(contentType, "application/x-www-form-urlencoded");
        if (data == null || data.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "form field data is required");
        }
        if (data.length() > MAX_JOB_DATA) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "data must be at most " + MAX_JOB_DATA + " characters");
        }
        return new JobRequest(data, millis("ms", ms, JobRequest.DEFAULT_WORK));
    }

    /** A validated job: {@code data=fail} makes the job throw (ERR-1). */
    public record JobRequest(String data, Duration work) {
        public static final Duration DEFAULT_WORK = Duration.ofMillis(100);

        public boolean failing() {
            return data.equals("fail");
        }
    }

    private static String text(JsonNode object, String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ApiException(ErrorCode.INVALID_FIELD, field + " is required");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be a string, got " + kind(value));
        }
        return value.textValue();
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Printable ASCII, at most 40 characters: how any client value is quoted back in an error message. */
    public static String abbreviate(String raw) {
        String printable = raw.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
