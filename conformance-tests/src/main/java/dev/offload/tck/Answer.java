package dev.offload.tck;

import java.net.http.HttpResponse;

/**
 * The parts of a response a verdict shows, whichever client read it; {@link #toString()} is
 * {@code 200, Content-Type: text/html, body "<p>hi</p>\n"}.
 */
public record Answer(int status, String contentType, String body) {

    public static Answer of(HttpResponse<String> r) {
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    public static Answer of(RawResponse r) {
        return new Answer(r.status(), r.header("Content-Type").orElse(null), r.bodyText());
    }

    @Override
    public String toString() {
        return Evidence.answer(status, contentType, body);
    }
}
