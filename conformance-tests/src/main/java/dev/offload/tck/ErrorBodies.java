package dev.offload.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offload.spec.ErrorCode;

import java.io.IOException;
import java.util.Locale;

/** The spec's error body, judged: SPEC.md CONV-1 ({@code {"error","code"}}, a code of its own status, no stack trace). */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /**
     * The spec's error convention: {@code application/json}, body {@code {"error":"<message>","code":"<CODE>"}}
     * whose code is an {@link ErrorCode} sent with this very status, and no stack trace. Null if it holds, else what
     * is wrong.
     */
    static String problem(int status, String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return status + " with Content-Type " + contentType + ", not application/json";
        }
        if (looksLikeStackTrace(body)) {
            return status + " body carries a stack trace";
        }
        JsonNode node;
        try {
            node = Probe.MAPPER.readTree(body);
        } catch (IOException e) {
            return status + " body is not JSON: " + Evidence.body(body);
        }
        if (node == null || !node.isObject() || !node.path("error").isTextual() || node.path("error").asText().isBlank()
                || !node.path("code").isTextual()) {
            return status + " body lacks {\"error\",\"code\"}: " + Evidence.body(body);
        }
        String code = node.path("code").asText();
        ErrorCode known;
        try {
            known = ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return status + " with unknown code " + code;
        }
        if (known.status() != status) {
            return status + " with code " + code + ", which the spec sends with " + known.status();
        }
        return null;
    }

    /** The {@code code} of an error body, or "" if there is none. */
    static String code(String body) {
        try {
            JsonNode node = Probe.MAPPER.readTree(body);
            return node == null ? "" : node.path("code").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static boolean looksLikeStackTrace(String body) {
        return body.contains("\tat ") || body.contains("\n\tat") || body.matches("(?s).*\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\).*")
                || body.contains("Exception:") || body.contains("Caused by:");
    }
}
