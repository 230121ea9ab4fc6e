package dev.offload.scorecard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.CapacityStatus;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.EqualRateStatus;
import dev.offload.load.results.PerfRecords.Pinning;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Soak;
import dev.offload.load.results.PerfRecords.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Hyperfoil phases of {@code results.json}, read back into the records the orchestrator wrote
 * ({@link dev.offload.load.results.PerfRecords}), plus the medians-with-range the report shows. A schema-1 file
 * (before these phases existed) gives {@link #EMPTY}.
 */
record PerfData(Pinning pinning, Sla sla, List<String> patterns, List<Capacity> capacity, List<EqualRate> equalRate,
                List<Soak> soak) {

    static final PerfData EMPTY = new PerfData(null, Sla.DEFAULT, List.of(), List.of(), List.of(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static PerfData parse(JsonNode root) {
        if (!root.has("capacity")) {
            return EMPTY;
        }
        List<String> patterns = new ArrayList<>();
        root.path("patterns").fieldNames().forEachRemaining(patterns::add);
        return new PerfData(root.hasNonNull("pinning") ? read(root.path("pinning"), Pinning.class) : null,
                root.hasNonNull("sla") ? read(root.path("sla"), Sla.class) : Sla.DEFAULT, List.copyOf(patterns),
                list(root.path("capacity"), Capacity.class), list(root.path("equalRate"), EqualRate.class),
                list(root.path("soak"), Soak.class));
    }

    boolean isEmpty() {
        return capacity.isEmpty() && equalRate.isEmpty() && soak.isEmpty();
    }

    /** Capacity over the repetitions that produced one (OK or GENERATOR_LIMITED). */
    Figure capacity(String pattern, String server) {
        return figure(capacities(pattern, server), c -> c.capacityRps() == null ? null : c.capacityRps().doubleValue());
    }

    /**
     * The run's median {@code SpeedProbe} reading, or NaN when some repetition has none (an older results.json,
     * a probe that did not start): then nothing is drift-corrected.
     */
    double probeMedian() {
        List<Capacity> measured = measuredCapacities();
        return measured.isEmpty() || measured.stream().anyMatch(c -> c.probeMicros() == null) ? Double.NaN
                : probe().median();
    }

    /** True when every capacity figure carries a probe reading, so calls are on drift-corrected figures. */
    boolean driftCorrected() {
        return !Double.isNaN(probeMedian());
    }

    /** The probe's readings over the run: how far the machine's own speed moved while it was measured. */
    Figure probe() {
        return figure(measuredCapacities(), Capacity::probeMicros);
    }

    private List<Capacity> measuredCapacities() {
        return capacity.stream().filter(c -> c.status() != CapacityStatus.FAILED).toList();
    }

    /**
     * Capacity with the machine's drift divided out, the figure differences are called on: each repetition's rate
     * times its probe reading ÷ the run's median reading (a repetition measured while the same fixed work took 1.5×
     * as long counts 1.5× its rate). As measured when the run has no complete probe readings.
     */
    Figure driftCorrectedCapacity(String pattern, String server) {
        double median = probeMedian();
        return figure(capacities(pattern, server), c -> c.capacityRps() == null ? null
                : Double.isNaN(median) ? c.capacityRps().doubleValue() : c.capacityRps() * c.probeMicros() / median);
    }

    /** Repetitions whose pattern warm-up did not settle before the search (their figure may include JIT work). */
    long unsettledWarmups(String pattern, String server) {
        return capacities(pattern, server).stream().filter(c -> Boolean.FALSE.equals(c.warmupSettled())).count();
    }

    Figure capacityCpu(String pattern, String server) {
        return figure(capacities(pattern, server), Capacity::cpuMicrosPerRequest);
    }

    /** True when any repetition's ceiling was the injector's: the figure is then a lower bound. */
    boolean generatorLimited(String pattern, String server) {
        return capacities(pattern, server).stream().anyMatch(c -> c.status() == CapacityStatus.GENERATOR_LIMITED);
    }

    /**
     * A capacity difference the data supports: the higher server first, its figures as measured, {@code ratio} of the
     * drift-corrected medians (what the call rests on); {@code lowerBound} when the higher figure is
     * GENERATOR_LIMITED, so the true ratio may be larger ("at least").
     */
    record CapacityCall(String higher, String lower, Figure high, Figure low, double ratio, boolean lowerBound) {}

    /**
     * Capacity of two servers compared by the ranges rule ({@link Figure#separatedFrom}) on the drift-corrected
     * figures ({@link #driftCorrectedCapacity}); the call carries the figures as measured. A GENERATOR_LIMITED figure
     * is a lower bound: the server behind it may hold more, never less, so it can be called higher (when even its
     * lowest repetition is above the other's highest) but never lower; two lower bounds are never compared.
     */
    Optional<CapacityCall> capacityCall(String pattern, String a, String b) {
        Figure fa = capacity(pattern, a);
        Figure fb = capacity(pattern, b);
        Figure ca = driftCorrectedCapacity(pattern, a);
        Figure cb = driftCorrectedCapacity(pattern, b);
        boolean limitedA = generatorLimited(pattern, a);
        boolean limitedB = generatorLimited(pattern, b);
        if (!ca.separatedFrom(cb) || limitedA && limitedB) {
            return Optional.empty();
        }
        boolean aHigher = ca.median() > cb.median();
        if (aHigher ? limitedB : limitedA) {
            return Optional.empty();
        }
        return Optional.of(aHigher ? new CapacityCall(a, b, fa, fb, ca.median() / cb.median(), limitedA)
                : new CapacityCall(b, a, fb, fa, cb.median() / ca.median(), limitedB));
    }

    /**
     * How often the hypervisor got in the way: of the capacity steps and equal-rate windows with a steal reading
     * ({@code read}), those it disturbed ({@link Step#HOST_DISTURBED}); {@code reRun}: the disturbed search steps that
     * missed the SLA, which the orchestrator ran again once the host was quiet; the largest stolen share of a CPU.
     */
    record HostDisturbance(long read, long disturbed, long reRun, double largest) {}

    HostDisturbance hostDisturbance() {
        List<Step> search = capacity.stream().flatMap(c -> c.steps().stream()).toList();
        List<Step> read = Stream.concat(search.stream(),
                equalRate.stream().flatMap(e -> e.windows().stream())).filter(s -> s.hostStolen() != null).toList();
        long reRun = search.stream().filter(s -> !s.kind().startsWith("warmup") && !s.kind().endsWith("-retry"))
                .filter(s -> !s.slaMet() && s.errors() == 0 && Step.disturbedByHost(s)).count();
        return new HostDisturbance(read.size(), read.stream().filter(Step::disturbedByHost).count(), reRun,
                read.stream().mapToDouble(Step::hostStolen).max().orElse(0));
    }

    long capacityFailures(String pattern, String server) {
        return capacity.stream().filter(c -> c.pattern().equals(pattern) && c.server().equals(server))
                .filter(c -> c.status() == CapacityStatus.FAILED).count();
    }

    List<Capacity> capacities(String pattern, String server) {
        return capacity.stream().filter(c -> c.pattern().equals(pattern) && c.server().equals(server))
                .filter(c -> c.status() != CapacityStatus.FAILED).toList();
    }

    /** The equal rates run for a pattern, in ascending order. */
    List<Integer> equalRates(String pattern) {
        return equalRate.stream().filter(e -> e.pattern().equals(pattern)).map(EqualRate::rateRps).distinct()
                .sorted().toList();
    }

    /** Equal-rate figure over the repetitions whose warm-up settled (status OK). */
    Figure equalRate(String pattern, String server, int rate, Function<EqualRate, Double> figure) {
        return figure(equalRates(pattern, server, rate).stream().filter(e -> e.status() == EqualRateStatus.OK)
                .toList(), figure);
    }

    List<EqualRate> equalRates(String pattern, String server, int rate) {
        return equalRate.stream().filter(e -> e.pattern().equals(pattern) && e.server().equals(server)
                && e.rateRps() == rate).toList();
    }

    Soak soak(String pattern, String server) {
        return soak.stream().filter(s -> s.pattern().equals(pattern) && s.server().equals(server)).findFirst()
                .orElse(null);
    }

    private static <T> Figure figure(List<T> items, Function<T, Double> value) {
        return Figure.of(items.stream().map(value).filter(Objects::nonNull).toList());
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("results.json: cannot read " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(read(n, type)));
        return List.copyOf(out);
    }
}
