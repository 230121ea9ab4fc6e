package dev.offload.tck.mutants;

import dev.offload.spec.Behaviour;
import dev.offload.spec.Grade;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.CommandLauncher;
import dev.offload.tck.JavaMainLauncher;
import dev.offload.tck.Outcome;
import dev.offload.tck.Result;
import dev.offload.tck.Scale;
import dev.offload.tck.Selection;
import dev.offload.tck.ServerReport;
import dev.offload.tck.ServerLauncher;
import dev.offload.tck.ServerStarter;
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
 * check at {@link Scale#QUICK} (and their own behaviour where it is RECOMMENDED, as CANCEL-3's two mutants: one blind
 * to a departure, one alarmed by a pipelined request); process mutants run the DRAIN checks. Skipped with {@code -Dtck.mutants=false}.
 */
class MutantsTest {
    private static final Set<Behaviour> PROCESS = EnumSet.of(Behaviour.DRAIN_1, Behaviour.DRAIN_2, Behaviour.DRAIN_3);
    private static final Set<Behaviour> HTTP_REQUIRED = Arrays.stream(Behaviour.values())
            .filter(b -> b.grade() == Grade.REQUIRED && !PROCESS.contains(b))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));
    /** RECOMMENDED behaviours with mutants of their own (CANCEL-3): the control checks them too. */
    private static final Set<Behaviour> HTTP_RECOMMENDED = Mutants.all().stream().map(Mutants.Mutant::behaviour)
            .filter(b -> b.grade() == Grade.RECOMMENDED)
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
        Set<Behaviour> only = Selection.parse(System.getProperty("tck.only", ""));
        List<Mutants.Mutant> mutants = Mutants.all().stream().filter(m -> only.contains(m.behaviour())).toList();
        ExecutorService runs = Executors.newFixedThreadPool(PARALLEL);
        Future<ServerReport> control = runs.submit(() -> runHttp(Mutants.identity(), "identity",
                union(HTTP_REQUIRED, HTTP_RECOMMENDED)));
        Map<Mutants.Mutant, Future<ServerReport>> reports = new LinkedHashMap<>();
        for (Mutants.Mutant m : mutants) {
            reports.put(m, runs.submit(() -> m.isProcess() ? runProcess(m)
                    : runHttp(m.proxy().apply(config()), m.behaviour().id(),
                    union(HTTP_REQUIRED, EnumSet.of(m.behaviour())))));
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
        if (m.behaviour().grade() == Grade.RECOMMENDED && baseline != null) {
            // a RECOMMENDED check may fail on the bare server too (CANCEL-3 did before the proxy relayed departures):
            // then the mutant's FAIL would prove nothing
            assertTrue(!baseline.contains(m.behaviour()), "the unmutated server already fails " + m.behaviour().id()
                    + " through the proxy, so " + m + " proves nothing");
        }
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

    private static Set<Behaviour> union(Set<Behaviour> a, Set<Behaviour> b) {
        Set<Behaviour> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }

    /**
     * HTTP mutants run every non-process REQUIRED check plus their own behaviour; instances the checks start with
     * other settings (LIMIT-1) sit behind the same mutation.
     */
    private static ServerReport runHttp(Mutation mutation, String name, Set<Behaviour> checks) throws Exception {
        OffloadServer server = baseServer();
        OffloadConfig config = config();
        try (OffloadServer.RunningServer running = server.start(config);
             MutantProxy proxy = new MutantProxy(URI.create("http://127.0.0.1:" + running.port()), mutation, 0,
                     config)) {
            Target target = Target.of(server.name() + "+" + name, proxy.base(), config)
                    .withStarter(settings -> proxied(server, settings, mutation));
            return Tck.run(target, new Tck.Options(Scale.QUICK, checks, line -> {
            }, SETTLE));
        }
    }

    private static ServerStarter.Started proxied(OffloadServer server, OffloadConfig settings, Mutation mutation)
            throws Exception {
        OffloadServer.RunningServer running = server.start(settings.with("port", "0"));
        MutantProxy proxy = new MutantProxy(URI.create("http://127.0.0.1:" + running.port()), mutation, 0, settings);
        return new ServerStarter.Started() {
            @Override
            public URI base() {
                return proxy.base();
            }

            @Override
            public void close() {
                proxy.close();
                running.stop();
            }
        };
    }

    /**
     * A process mutant, launched by main class (its port comes from the started line), or — the mutant that prints
     * none — by a command line with {@code {port}} given, found by polling the port.
     */
    private static ServerReport runProcess(Mutants.Mutant m) {
        OffloadServer server = baseServer();
        ServerLauncher launcher;
        String[] properties = {"-Dtck.server=" + server.name(), "-Dtck.mutant=" + m.processKey()};
        if (m.processKey().equals("NO_STARTED_LINE")) {
            String java = ProcessHandle.current().info().command().orElse("java");
            launcher = new CommandLauncher("\"" + java + "\" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                    + String.join(" ", properties) + " -cp \"" + System.getProperty("java.class.path") + "\" "
                    + MutantServerMain.class.getName() + " {config}");
        } else {
            launcher = JavaMainLauncher.ofCurrentJvm(MutantServerMain.class.getName(), properties);
        }
        Target target = Target.of(server.name() + "+" + m.processKey(), URI.create("http://127.0.0.1:9"), config())
                .withLauncher(launcher);
        return Tck.run(target, new Tck.Options(Scale.QUICK, PROCESS, line -> {
        }, SETTLE));
    }

    private static Set<Behaviour> failed(ServerReport report) {
        return report.results().stream().filter(r -> r.outcome() == Outcome.FAIL).map(Result::behaviour)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));
    }
}
