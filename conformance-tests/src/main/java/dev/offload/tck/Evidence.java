package dev.offload.tck;

import dev.offload.tck.wire.Text;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * What arrived, in words for a verdict: the status, the headers that matter, the first bytes of the body escaped;
 * and what went wrong on the wire, said without exception class names (an implementer reads the verdict, not the
 * TCK's code).
 */
public final class Evidence {
    /** How much of a body a verdict shows. */
    public static final int BODY_BYTES = 160;
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:\\[\\])*");
    private static final Pattern EXCEPTION = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b");

    private Evidence() {
    }

    /** {@code 200, Content-Type: text/html, body "<p>hi</p>\n"}. */
    public static String of(HttpResponse<String> r) {
        return answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    public static String of(RawResponse r) {
        return answer(r.status(), r.header("Content-Type").orElse(null), r.bodyText());
    }

    public static String answer(int status, String contentType, String body) {
        return status + ", Content-Type: " + (contentType == null ? "(none)" : contentType) + ", body "
                + body(body);
    }

    /** A body as shown in a verdict: quoted, control bytes escaped, cut after {@value #BODY_BYTES} bytes. */
    public static String body(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty)";
        }
        return "\"" + Text.escape(body, BODY_BYTES) + "\"";
    }

    /**
     * What a failure on the wire means, e.g. "the server closed the connection before a response"; never a class
     * name.
     */
    public static String failure(Throwable e) {
        Throwable t = unwrap(e);
        String message = t.getMessage() == null ? "" : t.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String said;
        if (t instanceof CheckFailed) {
            said = message;
        } else if (t instanceof HttpConnectTimeoutException) {
            said = "could not connect to the server within 5 s";
        } else if (t instanceof ConnectException) {
            said = "the server refused the connection (is it still running?)";
        } else if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            said = "the server did not answer in time (" + (message.isBlank() ? "timed out" : message) + ")";
        } else if (t instanceof EOFException) {
            said = message.startsWith("the ") ? message : "the server closed the connection early";
        } else if (lower.contains("reset")) {
            said = "the server reset the connection";
        } else if (lower.contains("broken pipe")) {
            said = "the server closed the connection while the request was being sent";
        } else if (lower.contains("header parser received no bytes") || lower.equals("closed")
                || lower.contains("connection closed") || lower.contains("eof")) {
            said = "the server closed the connection before a complete response";
        } else if (lower.contains("chunk") || lower.contains("content-length") || lower.contains("header")) {
            said = "the response was not valid HTTP/1.1 (" + message + ")";
        } else if (t instanceof SocketException || t instanceof IOException) {
            said = message.isBlank() ? "the connection failed" : "the connection failed: " + message;
        } else if (t instanceof InterruptedException) {
            said = "the check was interrupted";
        } else {
            said = "the answer could not be read" + (message.isBlank() ? "" : ": " + message);
        }
        return withoutClassNames(said);
    }

    /** {@code text} with fully qualified and exception class names taken out, for any message from a library. */
    public static String withoutClassNames(String text) {
        String s = QUALIFIED.matcher(text).replaceAll("a value");
        return EXCEPTION.matcher(s).replaceAll("error");
    }

    /** True if {@code text} names a Java class (what a verdict must never do). */
    public static boolean namesAClass(String text) {
        return QUALIFIED.matcher(text).find() || EXCEPTION.matcher(text).find();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
