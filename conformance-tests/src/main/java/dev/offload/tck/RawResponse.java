package dev.offload.tck;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A response read off a raw socket, headers exactly as sent (duplicates kept, in order). */
public record RawResponse(String statusLine, int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /** Every value of header {@code name}, case-insensitively, in the order received. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    public boolean closesConnection() {
        return headers("Connection").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"))
                || statusLine.startsWith("HTTP/1.0");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return statusLine + " " + headers + " " + Probe.abbreviate(bodyText(), 120);
    }
}
