package dev.offload.load.simulations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatling.javaapi.core.Session;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The status mix of the measured requests, with latency per status: Gatling's own statistics (read from its report's
 * {@code js/stats.json}) give percentiles per request name and split only OK/KO, while POOL must report its 503s
 * apart from its 202s. Filled from the {@code status} and {@code rt} session attributes that {@link Requests#observe}
 * saves through ordinary Gatling checks; a request that got no response at all counts under {@code "none"}.
 * Written as the run's sidecar JSON in the simulation's {@code after()} hook, together with scenario-specific facts.
 */
public final class Outcomes {
    /** Session attribute holding the response status, saved by a check. */
    public static final String STATUS = "status";
    /** Session attribute holding the response time in ms, saved by a check. */
    public static final String RESPONSE_TIME = "rt";
    public static final String NO_RESPONSE = "none";

    private static final long MAX_TRACKED_MS = 3_600_000L;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, Object> facts = new ConcurrentHashMap<>();

    /** Records the outcome the last request of {@code session} left behind, then clears it for the next one. */
    public Session record(Session session) {
        count(session);
        return session.remove(STATUS).remove(RESPONSE_TIME);
    }

    /** Records the outcome the last request of {@code session} left behind and leaves it there. */
    public void count(Session session) {
        String status = session.contains(STATUS) ? Integer.toString(session.getInt(STATUS)) : NO_RESPONSE;
        counts.computeIfAbsent(status, k -> new LongAdder()).increment();
        if (session.contains(RESPONSE_TIME)) {
            latencies.computeIfAbsent(status, k -> new ConcurrentHistogram(MAX_TRACKED_MS, 3))
                    .recordValue(Math.min(MAX_TRACKED_MS, Math.max(0, session.getInt(RESPONSE_TIME))));
        }
    }

    /** A scenario-specific fact for the sidecar (e.g. accepted job ids, lost jobs). */
    public void fact(String name, Object value) {
        facts.put(name, value);
    }

    /** The sidecar as a JSON-ready map: {@code statusMix}, {@code byStatus} (count and ms percentiles), facts. */
    public Map<String, Object> snapshot(Markers markers) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> mix = new TreeMap<>();
        counts.forEach((status, n) -> mix.put(status, n.sum()));
        out.put("statusMix", mix);
        Map<String, Object> byStatus = new TreeMap<>();
        latencies.forEach((status, h) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("count", h.getTotalCount());
            figures.put("p50", h.getValueAtPercentile(50));
            figures.put("p95", h.getValueAtPercentile(95));
            figures.put("p99", h.getValueAtPercentile(99));
            figures.put("max", h.getMaxValue());
            figures.put("mean", Math.round(h.getMean() * 10) / 10.0);
            byStatus.put(status, figures);
        });
        out.put("byStatusMs", byStatus);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("measureStartEpochMs", markers.time(Markers.MEASURE_START));
        window.put("measureEndEpochMs", markers.time(Markers.MEASURE_END));
        window.put("sigtermEpochMs", markers.time(Markers.SIGTERM));
        out.put("window", window);
        out.put("facts", new TreeMap<>(facts));
        return out;
    }

    /** Writes {@link #snapshot} to {@code path}. */
    public void write(Path path, Markers markers) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), snapshot(markers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sidecar " + path, e);
        }
    }
}
