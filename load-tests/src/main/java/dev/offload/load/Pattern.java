package dev.offload.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request patterns of the capacity, equal-rate and soak phases (Hyperfoil), each one HTTP request the driver
 * repeats at a constant rate. The pattern delays are configuration, not the defaults of SPEC.md: short enough that the
 * server's CPU, not a sleep, bounds the rate (FAN excepted, see {@link #concurrencyBound}). Every server of one phase
 * gets the same settings, from {@link #SERVER_CONFIG}.
 */
enum Pattern {
    PLAINTEXT("GET /plaintext", "GET", "/plaintext", null, null, 8_000),
    COPY("GET /copy, observer after copyObserveDelay=1ms", "GET", "/copy?user_id=u42", null, null, 4_000),
    BG("POST /send-email, sent after emailDelay=1ms", "POST", "/send-email", "application/json",
            "{\"to\":\"load@example.com\",\"subject\":\"soak\",\"body\":\"hello\"}", 2_000),
    POOL("POST /job accepted (ms=0, queue far from full): the accept path, not overload", "POST", "/job",
            "application/x-www-form-urlencoded", "data=load&ms=0", 2_000),
    FAN("GET /data, children of 2 ms and 5 ms in parallel", "GET", "/data", null, null, 2_000),
    WORK("GET /work?ms=0&stream=false, disconnect watch on (CANCEL-3): the non-streaming request path, no work",
            "GET", "/work?ms=0&stream=false", null, null, 4_000, Map.of("watchDisconnect", "on")),
    WORK_UNWATCHED("the same with watchDisconnect=off: its difference from WORK is what the watch costs", "GET",
            "/work?ms=0&stream=false", null, null, 4_000, Map.of("watchDisconnect", "off"));

    /**
     * One server configuration serves every pattern: the delays only touch their own endpoint, so a JVM can be
     * searched pattern after pattern. POOL's queue is deep and its jobs instant, so an accepted job never waits long.
     */
    static final Map<String, String> SERVER_CONFIG = defaultServerConfig();

    /** FAN's slower child: its latency floor; in-flight requests ÷ this delay bound FAN's rate, not CPU. */
    static final int FAN_SLOWER_CHILD_MS = 5;

    /** Connections the driver shares (wrk -c32 in the figures); FAN needs more, its requests wait. */
    static final int CONNECTIONS = 32;
    static final int FAN_CONNECTIONS = 256;

    final String title;
    final String method;
    final String path;
    final String contentType;
    final String body;
    /** Where the discovery ramp starts (req/s); it doubles from there. */
    final int discoveryStart;
    /**
     * Settings on top of {@link #SERVER_CONFIG}; patterns with other settings get a server JVM of their own in the
     * same repetition. So far only the watch switch: WORK and WORK_UNWATCHED each get a fresh JVM with the same
     * warm-up, and the watch's cost is the difference between the two.
     */
    final Map<String, String> settings;

    Pattern(String title, String method, String path, String contentType, String body, int discoveryStart) {
        this(title, method, path, contentType, body, discoveryStart, Map.of());
    }

    Pattern(String title, String method, String path, String contentType, String body, int discoveryStart,
            Map<String, String> settings) {
        this.title = title;
        this.method = method;
        this.path = path;
        this.contentType = contentType;
        this.body = body;
        this.discoveryStart = discoveryStart;
        this.settings = settings;
    }

    /** The server's settings for this pattern: {@link #SERVER_CONFIG} plus its own. */
    Map<String, String> serverConfig() {
        Map<String, String> c = new LinkedHashMap<>(SERVER_CONFIG);
        c.putAll(settings);
        return c;
    }

    /**
     * A pattern that repeats an earlier pattern's request with other server settings (WORK_UNWATCHED); the soak, a
     * test of time, skips it: the request's growth is already soaked under the earlier one.
     */
    boolean settingsVariant() {
        for (Pattern p : values()) {
            if (p.ordinal() < ordinal() && p.method.equals(method) && p.path.equals(path)
                    && java.util.Objects.equals(p.body, body)) {
                return true;
            }
        }
        return false;
    }

    /** FAN's capacity is bounded by concurrency: connections ÷ the slower child's delay, whatever the CPU. */
    boolean concurrencyBound() {
        return this == FAN;
    }

    int connections() {
        return this == FAN ? FAN_CONNECTIONS : CONNECTIONS;
    }

    /** The ceiling concurrency alone allows (req/s): in-flight requests ÷ the latency floor; null when CPU-bound. */
    Integer concurrencyCeiling() {
        return concurrencyBound() ? FAN_CONNECTIONS * 1000 / FAN_SLOWER_CHILD_MS : null;
    }

    private static Map<String, String> defaultServerConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("copyObserveDelay", "1ms");
        c.put("emailDelay", "1ms");
        c.put("workers", "8");
        c.put("queueCapacity", "100000");
        c.put("userDelay", "2ms");
        c.put("ordersDelay", FAN_SLOWER_CHILD_MS + "ms");
        return Map.copyOf(c);
    }
}
