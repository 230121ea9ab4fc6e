package dev.offload.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One input phase of the scorecard (conformance, load, JMH) and what became of it. A phase whose output file is
 * missing, unreadable, or older than the build that should have written it is FAILED, and the report says so where
 * its section would be: a stale file from an earlier run must never pass for this run's result.
 *
 * @param name     what the reader sees, e.g. "Conformance (TCK)"
 * @param source   the file the phase writes
 * @param failure  why the phase counts as failed; null when it produced a fresh, readable file
 * @param written  when the file was written, if it exists
 * @param data     the parsed input; empty when there is nothing usable, present with a failure when the phase
 *                 failed part-way and what it finished is still worth showing
 */
record Phase<T>(String name, Path source, String failure, Instant written, Optional<T> data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean ok() {
        return failure == null;
    }

    T get() {
        return data.orElseThrow(() -> new IllegalStateException(name + " has no data: " + failure));
    }

    /** The same data, marked failed: the phase wrote a file but says itself that it did not complete. */
    Phase<T> withFailure(String reason) {
        return new Phase<>(name, source, reason, written, data);
    }

    /**
     * Reads {@code source} if it exists, is at least as new as {@code buildStart} (null: accept any age) and parses;
     * any other case is a FAILED phase carrying the reason.
     */
    static <T> Phase<T> read(String name, Path source, Instant buildStart, Function<JsonNode, T> parser) {
        if (!Files.isRegularFile(source)) {
            return failed(name, source, "no " + source.getFileName() + " at " + source
                    + ": the phase did not run or stopped before writing its result", null);
        }
        Instant written;
        try {
            written = Files.getLastModifiedTime(source).toInstant();
        } catch (IOException e) {
            return failed(name, source, "cannot stat " + source + ": " + e.getMessage(), null);
        }
        if (buildStart != null && written.isBefore(buildStart)) {
            return failed(name, source, "STALE: " + source.getFileName() + " was written at " + written
                    + ", before this build started (" + buildStart + "); the phase did not produce a new one", written);
        }
        try {
            return new Phase<>(name, source, null, written, Optional.of(parser.apply(JSON.readTree(source.toFile()))));
        } catch (IOException | RuntimeException e) {
            return failed(name, source, "unreadable " + source.getFileName() + ": " + e.getMessage(), written);
        }
    }

    static <T> Phase<T> failed(String name, Path source, String failure, Instant written) {
        return new Phase<>(name, source, failure, written, Optional.empty());
    }
}
