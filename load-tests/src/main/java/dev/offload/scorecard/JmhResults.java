package dev.offload.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JMH's own {@code -rf json} output: one entry per benchmark method × parameter set. */
record JmhResults(List<Result> results) {

    /**
     * @param score     the primary metric; {@code error} its 99.9 % half-width (NaN when JMH had too few samples)
     * @param low       the lowest iteration score (rawData), the spread to show when JMH gives no error
     * @param high      the highest iteration score
     * @param p99       the 99th percentile for SampleTime benchmarks, NaN otherwise
     * @param allocNorm bytes allocated per operation ({@code -prof gc}), NaN when not profiled
     */
    record Result(String benchmark, String mode, int threads, Map<String, String> params, double score, double error,
                  double low, double high, String unit, double p99, double allocNorm, int forks, int warmupIterations,
                  int measurementIterations, String jdkVersion, String vmVersion, List<String> jvmArgs) {

        /** {@code SpawnBenchmark.virtualThread}: class and method, without the package. */
        String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
        }
    }

    static JmhResults parse(JsonNode root) {
        if (!root.isArray()) {
            throw new IllegalArgumentException("JMH JSON is an array of results, got " + root.getNodeType());
        }
        List<Result> out = new ArrayList<>();
        for (JsonNode r : root) {
            Map<String, String> params = new LinkedHashMap<>();
            r.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode primary = r.path("primaryMetric");
            JsonNode secondary = r.path("secondaryMetrics");
            // JMH before 1.37 prefixed profiler metrics with a middle dot.
            JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm")
                    : secondary.path("·gc.alloc.rate.norm");
            double low = Double.NaN;
            double high = Double.NaN;
            for (JsonNode fork : primary.path("rawData")) {
                for (JsonNode iteration : fork) {
                    low = Double.isNaN(low) ? iteration.asDouble() : Math.min(low, iteration.asDouble());
                    high = Double.isNaN(high) ? iteration.asDouble() : Math.max(high, iteration.asDouble());
                }
            }
            List<String> jvmArgs = new ArrayList<>();
            r.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            out.add(new Result(r.path("benchmark").asText(), r.path("mode").asText(), r.path("threads").asInt(1),
                    params, primary.path("score").asDouble(Double.NaN),
                    primary.path("scoreError").asDouble(Double.NaN), low, high, primary.path("scoreUnit").asText(),
                    primary.path("scorePercentiles").path("99.0").asDouble(Double.NaN),
                    alloc.path("score").asDouble(Double.NaN), r.path("forks").asInt(),
                    r.path("warmupIterations").asInt(), r.path("measurementIterations").asInt(),
                    r.path("jdkVersion").asText(""), r.path("vmVersion").asText(""), jvmArgs));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("JMH JSON holds no result: every benchmark failed or none ran");
        }
        return new JmhResults(out);
    }
}
