package dev.offload.tck;

import dev.offload.spec.Grade;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The TCK against every {@link OffloadServer} on the test class path (one container per server, one test per
 * check, named after the check), plus an external server given with {@code -Doffload.target=URL} (its settings with
 * {@code -Doffload.settings="--slowDeadline=300ms ..."}, its launch command for DRAIN with {@code -Doffload.launch}). A REQUIRED FAIL
 * fails its test; a RECOMMENDED FAIL and a SKIPPED check are reported as skipped tests with the figure. Afterwards
 * the matrix is written to {@code target/conformance} and each server's one-line summary printed.
 */
class BundledServersConformanceTest {
    private static final List<ServerReport> REPORTS = Collections.synchronizedList(new ArrayList<>());
    private static final long STARTED = System.nanoTime();

    @TestFactory
    Stream<DynamicNode> everyServer() {
        List<OffloadServer> servers = BundledServers.discover();
        assertFalse(servers.isEmpty(), "no OffloadServer on the test class path");
        List<DynamicNode> columns = new ArrayList<>();
        for (OffloadServer server : servers) {
            columns.add(column(server.name(), new Column(() -> BundledServers.start(server,
                    BundledServers.fastConfig()))));
        }
        String external = System.getProperty("offload.target", "");
        if (!external.isBlank()) {
            columns.add(column("external", new Column(() -> external(external))));
        }
        return columns.stream();
    }

    private static DynamicContainer column(String name, Column column) {
        List<DynamicNode> tests = new ArrayList<>();
        for (Check check : selected()) {
            tests.add(DynamicTest.dynamicTest(check.name(), () -> column.judge(check)));
        }
        tests.add(DynamicTest.dynamicTest("stop and record the column", column::finish));
        return DynamicContainer.dynamicContainer(name, tests);
    }

    /** The checks to run: all, or those named by {@code -Dtck.only=ID,ID}. */
    static List<Check> selected() {
        String only = System.getProperty("tck.only", "").trim();
        if (only.isEmpty()) {
            return Tck.checks();
        }
        List<String> ids = java.util.Arrays.stream(only.split(",")).map(String::trim).toList();
        return Tck.checks().stream().filter(c -> ids.contains(c.behaviour().id())).toList();
    }

    private static BundledServers.Started external(String url) {
        String launch = System.getProperty("offload.launch", "");
        // -Doffload.settings="--slowDeadline=300ms --emailDelay=300ms": what the external server runs with.
        String settings = System.getProperty("offload.settings", "").trim();
        OffloadConfig config = OffloadConfig.parse(settings.isEmpty() ? List.of() : List.of(settings.split("\\s+")),
                java.util.Map.of(), java.util.Map.of());
        Target target = Target.of("external", URI.create(url), config);
        if (!launch.isBlank()) {
            target = target.withLauncher(new CommandLauncher(launch));
        }
        return new BundledServers.Started(null, null, target);
    }

    @AfterAll
    static void writeMatrix() throws Exception {
        if (REPORTS.isEmpty()) {
            return;
        }
        Path out = Path.of(System.getProperty("tck.out", "target/conformance"));
        Path html = Matrix.write(List.copyOf(REPORTS), out);
        System.out.println();
        System.out.println("Offload conformance matrix: " + html.toAbsolutePath());
        REPORTS.forEach(r -> System.out.println("  " + r.summary()));
        System.out.printf("  conformance run took %.1f s%n", Probe.millisSince(STARTED) / 1000.0);
    }

    /** One server's column: started before its first check, stopped and recorded after its last. */
    private static final class Column {
        private final Starter starter;
        private final List<Result> results = new ArrayList<>();
        private BundledServers.Started started;
        private Tck.Session session;
        private Exception startFailure;
        private long startNanos;

        Column(Starter starter) {
            this.starter = starter;
        }

        void judge(Check check) {
            if (session == null && startFailure == null) {
                startNanos = System.nanoTime();
                try {
                    started = starter.start();
                    session = new Tck.Session(started.target(), Scale.named(System.getProperty("tck.scale", "ci")));
                } catch (Exception | LinkageError e) {
                    startFailure = new IllegalStateException(e);
                }
            }
            if (startFailure != null) {
                fail("server did not start: " + startFailure);
            }
            Result r = session.run(check);
            results.add(r);
            System.out.println(Tck.line(started.target().name(), r));
            switch (r.outcome()) {
                case PASS -> {
                }
                case SKIPPED -> throw new TestAbortedException("SKIPPED: " + r.figure());
                case FAIL -> {
                    if (check.behaviour().grade() == Grade.REQUIRED) {
                        fail(check.behaviour().id() + " FAIL: " + r.figure());
                    }
                    throw new TestAbortedException("RECOMMENDED " + check.behaviour().id() + " not met: " + r.figure());
                }
            }
        }

        void finish() {
            if (session == null) {
                return;
            }
            session.close();
            started.close();
            REPORTS.add(new ServerReport(started.target().name(), started.target().base().toString(),
                    System.getProperty("tck.scale", "ci"), List.copyOf(results), Probe.millisSince(startNanos)));
        }
    }

    @FunctionalInterface
    private interface Starter {
        BundledServers.Started start() throws Exception;
    }
}
