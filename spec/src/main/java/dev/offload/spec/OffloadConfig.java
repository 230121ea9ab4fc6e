package dev.offload.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of an Offload server, with the spec's defaults. Read from {@code --key=value} arguments first, then
 * {@code offload.key} system properties, then {@code OFFLOAD_KEY} environment variables. Durations are written
 * {@code 300ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT0.3S}). A bad or unknown key or value throws
 * {@link ConfigException} with one line naming it.
 *
 * @param maxConcurrentRequests server-wide request limit (LIMIT-1); 0 means off
 * @param headerTimeout         longest wait for a started request line and headers (WIRE-6)
 * @param bodyTimeout           longest wait for the next byte of a request body (WIRE-6)
 * @param idleTimeout           longest silence of a keep-alive connection between requests (WIRE-6)
 * @param watchDisconnect       CANCEL-3: watch an HTTP/1.1 connection while non-streaming work runs, so that a
 *                              client that leaves cancels it (on by default; off to measure what the watch costs)
 */
public record OffloadConfig(String host, int port, int workers, int queueCapacity, Duration emailDelay,
                            Duration copyObserveDelay, Duration heartbeat, Duration userDelay, Duration ordersDelay,
                            Duration slowDeadline, Duration drainTimeout, int maxBodyBytes,
                            int maxConcurrentRequests, Duration headerTimeout, Duration bodyTimeout,
                            Duration idleTimeout, boolean watchDisconnect) {

    /** The keys, in the order they are documented. */
    public static final List<String> KEYS = List.of("host", "port", "workers", "queueCapacity", "emailDelay",
            "copyObserveDelay", "heartbeat", "userDelay", "ordersDelay", "slowDeadline", "drainTimeout",
            "maxBodyBytes", "maxConcurrentRequests", "headerTimeout", "bodyTimeout", "idleTimeout",
            "watchDisconnect");

    private static final Map<String, String> DEFAULTS = defaults(Map.ofEntries(
            Map.entry("host", "127.0.0.1"),
            Map.entry("port", "3000"),
            Map.entry("workers", "5"),
            Map.entry("queueCapacity", "100"),
            Map.entry("emailDelay", "2s"),
            Map.entry("copyObserveDelay", "50ms"),
            Map.entry("heartbeat", "50ms"),
            Map.entry("userDelay", "100ms"),
            Map.entry("ordersDelay", "150ms"),
            Map.entry("slowDeadline", "3s"),
            Map.entry("drainTimeout", "30s"),
            Map.entry("maxBodyBytes", "65536"),
            Map.entry("maxConcurrentRequests", "off"),
            Map.entry("headerTimeout", "10s"),
            Map.entry("bodyTimeout", "10s"),
            Map.entry("idleTimeout", "30s"),
            Map.entry("watchDisconnect", "on")));

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern BYTES = Pattern.compile("(\\d{1,9})(KiB|MiB)?");
    private static final Duration MAX_DURATION = Duration.ofHours(1);

    public OffloadConfig {
        require(port >= 0 && port <= 65535, "port", port, "0..65535");
        require(workers >= 1 && workers <= 1024, "workers", workers, "1..1024");
        require(queueCapacity >= 1 && queueCapacity <= 1_000_000, "queueCapacity", queueCapacity, "1..1000000");
        require(maxBodyBytes >= 1 && maxBodyBytes <= 16 << 20, "maxBodyBytes", maxBodyBytes, "1..16MiB");
        require(maxConcurrentRequests >= 0, "maxConcurrentRequests", maxConcurrentRequests, "off or >= 1");
        require(host != null && !host.isBlank(), "host", host, "a host name or address");
    }

    /** The spec's defaults. */
    public static OffloadConfig defaults() {
        return fromMap(DEFAULTS);
    }

    /** Reads this JVM's arguments, system properties and environment. */
    public static OffloadConfig load(String[] args) {
        return parse(List.of(args), System.getProperties().stringPropertyNames().stream()
                .collect(LinkedHashMap::new, (m, k) -> m.put(k, System.getProperty(k)), Map::putAll), System.getenv());
    }

    /** {@link #load} for a server's {@code main}: a bad setting is one line on stderr and exit status 2. */
    public static OffloadConfig loadOrExit(String[] args) {
        try {
            return load(args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** Arguments win over system properties, which win over environment variables, which win over defaults. */
    public static OffloadConfig parse(List<String> args, Map<String, String> systemProperties,
                                      Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        environment.forEach((name, value) -> {
            if (name.startsWith("OFFLOAD_")) {
                values.put(keyOf(envName(name), "environment variable " + name), value);
            }
        });
        systemProperties.forEach((name, value) -> {
            if (name.startsWith("offload.")) {
                values.put(keyOf(name.substring("offload.".length()), "system property " + name), value);
            }
        });
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
                throw new ConfigException("argument '" + arg + "' is not of the form --key=value");
            }
            String key = arg.substring(2, arg.indexOf('='));
            values.put(keyOf(key, "argument " + arg), arg.substring(arg.indexOf('=') + 1));
        }
        return fromMap(values);
    }

    /** A copy with one setting changed, validated like any other source. */
    public OffloadConfig with(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(asMap());
        values.put(keyOf(key, "key " + key), value);
        return fromMap(values);
    }

    /** Every setting as {@code --key=value}, to start a server in another process with the same config. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        asMap().forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }

    public boolean limitsConcurrentRequests() {
        return maxConcurrentRequests > 0;
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("port", Integer.toString(port));
        m.put("workers", Integer.toString(workers));
        m.put("queueCapacity", Integer.toString(queueCapacity));
        m.put("emailDelay", format(emailDelay));
        m.put("copyObserveDelay", format(copyObserveDelay));
        m.put("heartbeat", format(heartbeat));
        m.put("userDelay", format(userDelay));
        m.put("ordersDelay", format(ordersDelay));
        m.put("slowDeadline", format(slowDeadline));
        m.put("drainTimeout", format(drainTimeout));
        m.put("maxBodyBytes", Integer.toString(maxBodyBytes));
        m.put("maxConcurrentRequests", maxConcurrentRequests == 0 ? "off" : Integer.toString(maxConcurrentRequests));
        m.put("headerTimeout", format(headerTimeout));
        m.put("bodyTimeout", format(bodyTimeout));
        m.put("idleTimeout", format(idleTimeout));
        m.put("watchDisconnect", watchDisconnect ? "on" : "off");
        return m;
    }

    /** Parses {@code 300ms}, {@code 2s}, {@code 1m} or ISO-8601; public so servers parse query values alike. */
    public static Duration parseDuration(String key, String text) {
        Matcher m = DURATION.matcher(text.trim());
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new ConfigException(key + ": '" + text + "' is not a duration (write 300ms, 2s, 1m or PT0.3S)");
            }
        }
        if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
            throw new ConfigException(key + ": '" + text + "' is out of range (0 to 1h)");
        }
        return d;
    }

    private static OffloadConfig fromMap(Map<String, String> v) {
        return new OffloadConfig(v.get("host").trim(), integer(v, "port"), integer(v, "workers"),
                integer(v, "queueCapacity"), duration(v, "emailDelay"), duration(v, "copyObserveDelay"),
                positive(v, "heartbeat"), duration(v, "userDelay"), duration(v, "ordersDelay"),
                positive(v, "slowDeadline"), duration(v, "drainTimeout"), bytes(v, "maxBodyBytes"),
                "off".equalsIgnoreCase(v.get("maxConcurrentRequests").trim()) ? 0
                        : integer(v, "maxConcurrentRequests"),
                positive(v, "headerTimeout"), positive(v, "bodyTimeout"), positive(v, "idleTimeout"),
                onOff(v, "watchDisconnect"));
    }

    private static String keyOf(String key, String where) {
        if (!KEYS.contains(key)) {
            throw new ConfigException(where + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
        }
        return key;
    }

    /** {@code OFFLOAD_QUEUE_CAPACITY} → {@code queueCapacity}. */
    private static String envName(String name) {
        String[] parts = name.substring("OFFLOAD_".length()).toLowerCase(Locale.ROOT).split("_");
        StringBuilder key = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                key.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
        }
        return key.toString();
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + v.get(key) + "' is not an integer");
        }
    }

    private static boolean onOff(Map<String, String> v, String key) {
        return switch (v.get(key).trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new ConfigException(key + ": '" + v.get(key) + "' is not on or off");
        };
    }

    private static Duration duration(Map<String, String> v, String key) {
        return parseDuration(key, v.get(key));
    }

    private static Duration positive(Map<String, String> v, String key) {
        Duration d = duration(v, key);
        if (d.isZero()) {
            throw new ConfigException(key + ": must be greater than 0");
        }
        return d;
    }

    private static int bytes(Map<String, String> v, String key) {
        Matcher m = BYTES.matcher(v.get(key).trim());
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + v.get(key) + "' is not a byte count (write 65536 or 64KiB)");
        }
        long n = Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : m.group(2).equals("KiB") ? 1024 : 1 << 20);
        if (n > Integer.MAX_VALUE) {
            throw new ConfigException(key + ": '" + v.get(key) + "' is too large");
        }
        return (int) n;
    }

    private static String format(Duration d) {
        return d.toMillis() + "ms";
    }

    private static void require(boolean ok, String key, Object value, String range) {
        if (!ok) {
            throw new ConfigException(key + ": '" + value + "' is out of range (" + range + ")");
        }
    }

    private static Map<String, String> defaults(Map<String, String> m) {
        Set<String> missing = new java.util.HashSet<>(KEYS);
        missing.removeAll(m.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("defaults missing for " + missing);
        }
        return Map.copyOf(m);
    }

    /** A bad or unknown setting; the message is one line that names it. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
