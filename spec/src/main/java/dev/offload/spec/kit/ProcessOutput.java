package dev.offload.spec.kit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The reading side of {@link ProcessEvents}: what a launcher (the TCK, the load tests) learns from a server
 * process's standard output. Feed it every line ({@link #read}); it completes {@link #started()} at the
 * {@code started} line and {@link #drained()} at the {@code drained} line, and remembers the last line so "the
 * drained line is the last output" can be judged.
 */
public final class ProcessOutput {
    /** The {@code started} line: where the process listens. */
    public record Started(String server, String host, int port) {
    }

    private final CompletableFuture<Started> started = new CompletableFuture<>();
    private final CompletableFuture<Optional<JsonNode>> drained = new CompletableFuture<>();
    private volatile String lastLine;

    /**
     * Reads {@code stdout} to its end on the calling thread, passing each line to {@code eachLine} (a log, a buffer)
     * and then to {@link #accept}; when the output ends, completes what never came.
     */
    public void read(InputStream stdout, Consumer<String> eachLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                eachLine.accept(line);
                accept(line);
            }
        } catch (IOException e) {
            // the process ended or its pipe was closed: what was read is all there is
        } finally {
            ended();
        }
    }

    /** One line of output. */
    public void accept(String line) {
        if (!line.isBlank()) {
            lastLine = line.trim();
        }
        event(line).ifPresent(e -> {
            switch (e.path("event").asText()) {
                case "started" -> started.complete(new Started(e.path("server").asText(""),
                        e.path("host").asText(""), e.path("port").asInt(-1)));
                case "drained" -> drained.complete(Optional.of(e));
                default -> {
                }
            }
        });
    }

    /** The output ended: a {@code started} line can no longer come, nor a {@code drained} one. */
    public void ended() {
        started.completeExceptionally(new IOException("the process's output ended without a started line"));
        drained.complete(Optional.empty());
    }

    /** Completes at the {@code started} line; fails if the output ends first. */
    public CompletableFuture<Started> started() {
        return started;
    }

    /** Completes with the {@code drained} line, or empty once the output ended without one. */
    public CompletableFuture<Optional<JsonNode>> drained() {
        return drained;
    }

    /** The last non-blank line so far, trimmed. */
    public Optional<String> lastLine() {
        return Optional.ofNullable(lastLine);
    }

    /** The {@code drained} event, if it is the last line printed (as the protocol requires). */
    public Optional<JsonNode> drainedAsLastLine() {
        return lastLine().flatMap(ProcessOutput::event).filter(e -> "drained".equals(e.path("event").asText()));
    }

    /** The event a line carries, if it is one: a JSON object with an {@code event} field. */
    public static Optional<JsonNode> event(String line) {
        String t = line.trim();
        if (!t.startsWith("{") || !t.contains("\"event\"")) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.mapper().readTree(t);
            return node != null && node.path("event").isTextual() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
