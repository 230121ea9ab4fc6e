package dev.offload.tck.servers;

import dev.offload.tck.RawConnection;
import dev.offload.tck.RawResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request, sent byte for byte the same to each server on a fresh raw connection, and {@link #spec}:
 * the part of a reply the spec fixes — status, the spec's headers, the body bytes — as text to compare. Only what
 * must differ between two servers is normalised: the instants a task or an e-mail reached a state, and the
 * {@code server} field of {@code /stats}; {@code Connection: close} is compared where the spec prescribes it. Task
 * ids are compared as they are: both servers run the same requests in the same order from a fresh start, so the
 * same request gets the same id.
 */
record Exchange(String method, String target, List<String> headerLines, String body) {
    /** The headers SPEC.md and openapi.yaml give a meaning; framing headers (Content-Length, chunked) are not. */
    private static final List<String> SPEC_HEADERS = List.of("Content-Type", "X-Task-Id", "X-Trace", "Allow",
            "Retry-After");
    private static final Pattern INSTANT = Pattern.compile("\"(createdAt|startedAt|endedAt|sentAt)\":\"[^\"]*\"");
    private static final Pattern SERVER = Pattern.compile("\"server\":\"[^\"]*\"");
    private static final Duration READ = Duration.ofSeconds(20);

    static Exchange get(String target, String... headerLines) {
        return new Exchange("GET", target, List.of(headerLines), null);
    }

    static Exchange post(String target, String contentType, String body) {
        return new Exchange("POST", target, List.of("Content-Type: " + contentType), body);
    }

    static Exchange of(String method, String target) {
        return new Exchange(method, target, List.of(), null);
    }

    /** Sends this request on a new connection to {@code base} and reads the whole reply (a stream to its end). */
    RawResponse sendTo(URI base) throws IOException {
        try (RawConnection connection = RawConnection.open(base, READ)) {
            return sendOn(connection);
        }
    }

    /** Sends this request on an open connection and reads the whole reply. */
    RawResponse sendOn(RawConnection connection) throws IOException {
        List<String> lines = new ArrayList<>(headerLines);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            lines.add("Content-Length: " + bytes.length);
        }
        connection.send(connection.request(method, target, lines.toArray(String[]::new)));
        if (bytes.length > 0) {
            connection.send(bytes);
        }
        return connection.readResponse();
    }

    /** What the spec fixes of {@code reply}, one line per header, then the (normalised) body. */
    static String spec(RawResponse reply) {
        StringBuilder b = new StringBuilder("status ").append(reply.status()).append('\n');
        for (String name : SPEC_HEADERS) {
            for (String value : reply.headers(name)) {
                b.append(name).append(": ").append(value).append('\n');
            }
        }
        // The spec prescribes Connection: close with SHUTTING_DOWN only; elsewhere closing is the server's own
        // connection management (e.g. after refusing a body it did not read, RFC 9112 section 9.6), not the reply.
        if (reply.closesConnection() && reply.bodyText().contains("\"code\":\"SHUTTING_DOWN\"")) {
            b.append("Connection: close\n");
        }
        String body = INSTANT.matcher(reply.bodyText()).replaceAll("\"$1\":\"(instant)\"");
        return b.append('\n').append(SERVER.matcher(body).replaceAll("\"server\":\"(name)\"")).toString();
    }

    @Override
    public String toString() {
        return method + " " + target + (headerLines.isEmpty() ? "" : " " + headerLines)
                + (body == null ? "" : " body " + (body.length() > 60 ? body.length() + " chars" : "'" + body + "'"));
    }
}
