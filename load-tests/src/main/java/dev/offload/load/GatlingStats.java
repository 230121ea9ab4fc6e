package dev.offload.load;

import dev.offload.load.results.BehaviourRecords.ErrorMessage;
import dev.offload.load.results.BehaviourRecords.Latency;
import dev.offload.load.results.BehaviourRecords.RequestFigures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures of a Gatling run from its HTML report: {@code js/stats.json} (per request name: count, OK/KO,
 * min/max/mean and the four percentiles configured in {@code gatling.conf}) and {@code js/assertions.xml}. Both are
 * files Gatling 3.13.4 writes for this purpose; the binary {@code simulation.log} is never parsed.
 */
final class GatlingStats {
    /** {@code percentiles1..4} of stats.json, as configured in this module's gatling.conf. */
    static final List<String> PERCENTILES = List.of("p50", "p95", "p99", "p999");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TESTCASE = Pattern.compile("<testcase name=\"([^\"]*)\" status=\"(true|false)\"");

    private final Map<String, JsonNode> byName = new LinkedHashMap<>();

    private GatlingStats() {
    }

    /** Figures of one request name, measured phase only (warm-up requests carry other names). */
    record RequestStats(String name, long count, long ok, long ko, Latency latencyMs) {
        RequestFigures figures() {
            return new RequestFigures(count, ok, ko, latencyMs);
        }
    }

    /** One Gatling assertion and whether it held. */
    record AssertionResult(String description, boolean passed) {
    }

    static GatlingStats read(Path reportDir) throws IOException {
        GatlingStats stats = new GatlingStats();
        stats.collect(JSON.readTree(reportDir.resolve("js/stats.json").toFile()));
        return stats;
    }

    /** Requests sit under {@code contents}, nested inside groups when a simulation uses groups. */
    private void collect(JsonNode node) {
        if ("REQUEST".equals(node.path("type").asText())) {
            byName.put(node.path("name").asText(), node.path("stats"));
        }
        node.path("contents").forEach(this::collect);
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The stats of {@code name}, or null if no such request was sent. */
    RequestStats request(String name) {
        JsonNode s = byName.get(name);
        if (s == null) {
            return null;
        }
        // percentiles1..4 of stats.json are PERCENTILES, as configured in gatling.conf
        Latency latency = new Latency(number(s, "minResponseTime"), number(s, "percentiles1"),
                number(s, "percentiles2"), number(s, "percentiles3"), number(s, "percentiles4"),
                number(s, "maxResponseTime"), number(s, "meanResponseTime"));
        JsonNode n = s.path("numberOfRequests");
        return new RequestStats(name, n.path("total").asLong(), n.path("ok").asLong(), n.path("ko").asLong(),
                latency);
    }

    /** ok + ko ("total") figure of a metric; Gatling writes "-" for a metric with no data in older versions. */
    private static Double number(JsonNode stats, String metric) {
        JsonNode v = stats.path(metric).path("total");
        return v.isNumber() ? v.asDouble() : v.isTextual() && v.asText().matches("\\d+")
                ? Double.valueOf(v.asText()) : null;
    }

    private static final Pattern ERROR_LINE = Pattern.compile("^> (.+?)\\s+([\\d,]+)\\s+\\(\\s*[\\d.]+%\\)$");

    /**
     * The KO messages of a run (e.g. "Request timeout ... after 10000 ms", "status.find.in(202,503), but actually
     * found 500"), from the last "Errors" table of Gatling's console output; stats.json carries only the counts.
     */
    static List<ErrorMessage> errors(Path consoleLog) throws IOException {
        List<ErrorMessage> out = new ArrayList<>();
        if (!Files.exists(consoleLog)) {
            return out;
        }
        List<String> lines = Files.readAllLines(consoleLog);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("---- Errors ---")) {
                start = i + 1;
            }
        }
        for (int i = start; start >= 0 && i < lines.size() && lines.get(i).startsWith("> "); i++) {
            Matcher m = ERROR_LINE.matcher(lines.get(i).strip());
            if (m.matches()) {
                out.add(new ErrorMessage(m.group(1).strip(), Long.parseLong(m.group(2).replace(",", ""))));
            }
        }
        return out;
    }

    static List<AssertionResult> assertions(Path reportDir) throws IOException {
        Path xml = reportDir.resolve("js/assertions.xml");
        List<AssertionResult> out = new ArrayList<>();
        if (Files.exists(xml)) {
            Matcher m = TESTCASE.matcher(Files.readString(xml));
            while (m.find()) {
                out.add(new AssertionResult(m.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"), Boolean.parseBoolean(m.group(2))));
            }
        }
        return out;
    }
}
