package dev.offload.tck;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.junit.OffloadTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The TCK against every {@link OffloadServer} on the test class path through the public JUnit entry point
 * ({@link OffloadTck}: one container per server, one test per behaviour ID), plus an external server given with
 * {@code -Doffload.target=URL} (its settings with {@code -Doffload.settings="--slowDeadline=300ms ..."}, its launch
 * command for DRAIN with {@code -Doffload.launch}). Afterwards the matrix is written to {@code target/conformance}
 * and each server's one-line summary printed.
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
            OffloadTck tck = OffloadTck.starting(server.name(), config -> BundledServers.start(server, config))
                    .settings(BundledServers.fastConfig()).onReport(REPORTS::add);
            columns.add(DynamicContainer.dynamicContainer(server.name(), tck.tests()));
        }
        String external = System.getProperty("offload.target", "");
        if (!external.isBlank()) {
            columns.add(DynamicContainer.dynamicContainer("external", external(external).tests()));
        }
        return columns.stream();
    }

    private static OffloadTck external(String url) {
        String launch = System.getProperty("offload.launch", "");
        // -Doffload.settings="--slowDeadline=300ms --emailDelay=300ms": what the external server runs with.
        String settings = System.getProperty("offload.settings", "").trim();
        OffloadConfig config = OffloadConfig.parse(settings.isEmpty() ? List.of() : List.of(settings.split("\\s+")),
                java.util.Map.of(), java.util.Map.of());
        Target target = Target.of("external", URI.create(url), config);
        if (!launch.isBlank()) {
            target = target.withLauncher(new CommandLauncher(launch));
        }
        return OffloadTck.against(target).named("external").onReport(REPORTS::add);
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
}
