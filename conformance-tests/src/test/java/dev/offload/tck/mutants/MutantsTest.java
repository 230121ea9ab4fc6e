package dev.offload.tck.mutants;

import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.JavaMainLauncher;
import dev.offload.tck.Outcome;
import dev.offload.tck.Result;
import dev.offload.tck.Scale;
import dev.offload.tck.ServerReport;
import dev.offload.tck.Target;
import dev.offload.tck.Tck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves every REQUIRED check can fail: for each REQUIRED behaviour a mutant (see {@link Mutants}) breaks exactly
 * that behaviour of a real bundled server; the TCK must report FAIL for it, and for nothing else beyond what the
 * unmutated server already fails and the mutant's declared collateral. HTTP mutants run every non-process REQUIRED
 * check at {@link Scale#QUICK}; process mutants run the DRAIN checks. Skipped with {@code -Dtck.mutants=false}.
 */
class MutantsTest {
    private static final Set<Behaviour> PROCESS = EnumSet.of(Behaviour.DRAIN_1, Behaviour.DRAIN_2, Behaviour.DRAIN_3);
    private static final Set<Behaviour> HTTP_REQUIRED = Arrays.stream(Behaviour.values())
            .filter(b -> b.grade() == Grade.REQUIRED && !PROCESS.contains(b))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));

    /** How many mutant runs go at once. */
    private static final int PARALLEL = 3;
    /** Mutants that leak work would make every settle wait long; the checks that judge it need far less. */
    private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(3);

    /** What the unmutated server fails through the passthrough proxy (ideally nothing). */
    private static Set<Behaviour> baseline;

    private static final long STARTED = System.nanoTime();

    @BeforeAll
    static void enabled() {
        assumeTrue(!"false".equals(System.getProperty("tck.mutants")), "mutants disabled (-Dtck.mutants=false)");
    }

    @org.junit.jupiter.api.AfterAll
    static void timing() {
        System.out.printf("[mutants] %d mutants and the control judged in %.1f s%n", Mutants.all().size(),
                (System.nanoTime() - STARTED) / 1e9);
    }

    /** Quick timings: the mutants only have to show that each check can fail. */
    static OffloadConfig config() {
        return OffloadConfig.defaults().with("port", "0").with("emailDelay", "200ms")
                .with("copyObserveDelay", "10ms").with("heartbeat", "50ms").with("userDelay", "150ms")
                .with("ordersDelay", "250ms").with("slowDeadline", "250ms").with("drainTimeout", "5s")
                .with("workers", "2").with("queueCapacity", "4")
                // WIRE-6 waits out these bounds in every run; the head bound stays above the proxy's 2 s reuse
                .with("headerTimeout", "2500ms").with("bodyTimeout", "1s").with("idleTimeout", "3s");
    }

    /** The server the mutants wrap: -Dtck.mutantServer, else jetty, else the first found. */
    static OffloadServer baseServer() {
        List<OffloadServer> all = OffloadServer.discover();
        String wanted = System.getProperty("tck.mutantServer", "jetty");
        return all.stream().filter(s -> s.name().equals(wanted)).findFirst().orElse(all.get(0));
    }

    @Test
    void everyRequiredBehaviourHasAMutant() {
        Set<Behaviour> covered = Mutants.all().stream().map(Mutants.Mutant::behaviour)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));
        Set<Behaviour> required = Arrays.stream(Behaviour.values()).filter(b -> b.grade() == Grade.REQUIRED)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));
        required.removeAll(covered);
        assertTrue(required.isEmpty(), "REQUIRED behaviours without a mutant: " + required);
    }

    /**
     * Every mutant's TCK run starts at once, {@value #PARALLEL} at a time, each against its own server instance:
     * the checks mostly wait (deadlines, delays, drains), so this divides the wall time without crowding the CPU.
     * The tests then judge the reports in order.
     */
    @TestFactory
    Stream<DynamicTest> eachMutantFailsItsCheck() {
        String only = System.getProperty("tck.only", "");
        List<Mutants.Mutant> mutants = Mutants.all().stream()
                .filter(m -> only.isBlank() || only.contains(m.behaviour().id())).toList();
        ExecutorService runs = Executors.newFixedThreadPool(PARALLEL);
        Future<ServerReport> control = runs.submit(() -> runHttp(Mutants.identity(), "identity"));
        Map<Mutants.Mutant, Future<ServerReport>> reports = new LinkedHashMap<>();
        for (Mutants.Mutant m : mutants) {
            reports.put(m, runs.submit(() -> m.isProcess() ? runProcess(m)
                    : runHttp(m.proxy().apply(config()), m.behaviour().id())));
        }
        runs.shutdown();
        return Stream.concat(
                Stream.of(DynamicTest.dynamicTest("control: the passthrough proxy changes nothing", () -> {
                    ServerReport r = control.get();
                    baseline = failed(r);
                    System.out.println("[mutants] control (passthrough proxy over " + baseServer().name() + "): "
                            + r.summary());
                    r.results().forEach(res -> System.out.println("[mutants]   " + Tck.line(r.server(), res)));
                })),
                reports.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().toString(),
                        () -> judge(e.getKey(), e.getValue().get()))));
    }

    private static void judge(Mutants.Mutant m, ServerReport report) {
        Set<Behaviour> expectedElsewhere = m.isProcess() || baseline == null ? EnumSet.noneOf(Behaviour.class)
                : EnumSet.copyOf(baseline);
        Result own = report.result(m.behaviour()).orElseThrow();
        System.out.println("[mutants] " + m + " -> " + own.outcome() + ": " + own.figure());
        assertEquals(Outcome.FAIL, own.outcome(), "the TCK did not catch " + m + ": " + own.figure());
        Set<Behaviour> others = failed(report);
        others.remove(m.behaviour());
        others.removeAll(expectedElsewhere);
        others.removeAll(m.collateral());
        assertTrue(others.isEmpty(), m + " also failed " + others + ": " + report.results().stream()
                .filter(r -> others.contains(r.behaviour())).map(r -> r.behaviour().id() + " " + r.figure()).toList());
    }

    private static ServerReport runHttp(Mutation mutation, String name) throws Exception {
        OffloadServer server = baseServer();
        OffloadConfig config = config();
        try (OffloadServer.RunningServer running = server.start(config);
             MutantProxy proxy = new MutantProxy(URI.create("http://127.0.0.1:" + running.port()), mutation, 0,
                     config)) {
            Target target = Target.of(server.name() + "+" + name, proxy.base(), config);
            return Tck.run(target, new Tck.Options(Scale.QUICK, HTTP_REQUIRED, line -> {
            }, SETTLE));
        }
    }

    private static ServerReport runProcess(Mutants.Mutant m) {
        OffloadServer server = baseServer();
        Target target = Target.of(server.name() + "+" + m.behaviour().id(), URI.create("http://127.0.0.1:9"),
                config()).withLauncher(JavaMainLauncher.ofCurrentJvm(MutantServerMain.class.getName(),
                "-Dtck.server=" + server.name(), "-Dtck.mutant=" + m.behaviour().name()));
        return Tck.run(target, new Tck.Options(Scale.QUICK, PROCESS, line -> {
        }, SETTLE));
    }

    private static Set<Behaviour> failed(ServerReport report) {
        return report.results().stream().filter(r -> r.outcome() == Outcome.FAIL).map(Result::behaviour)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));
    }
}
