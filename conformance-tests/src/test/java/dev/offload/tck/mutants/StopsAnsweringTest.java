package dev.offload.tck.mutants;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.Evidence;
import dev.offload.tck.Outcome;
import dev.offload.tck.Result;
import dev.offload.tck.Scale;
import dev.offload.tck.ServerReport;
import dev.offload.tck.Target;
import dev.offload.tck.Tck;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target that stops answering in the middle of a run (here: the proxy in front of it goes away after the first
 * check) still gets a full column: the checks after it are ERROR, each saying that the server did not answer, and
 * none names an exception.
 */
class StopsAnsweringTest {

    @Test
    void checksAfterTheServerVanishedAreErrorWithTheReason() throws Exception {
        OffloadServer server = MutantsTest.baseServer();
        OffloadConfig config = MutantsTest.config();
        ServerReport report;
        try (OffloadServer.RunningServer running = server.start(config);
             MutantProxy proxy = new MutantProxy(URI.create("http://127.0.0.1:" + running.port()),
                     Mutants.identity())) {
            AtomicInteger judged = new AtomicInteger();
            Target target = Target.of(server.name() + "+vanishing", proxy.base(), config);
            report = Tck.run(target, new Tck.Options(Scale.QUICK, EnumSet.of(Behaviour.COPY_2, Behaviour.FAN_1,
                    Behaviour.TIMEOUT_1, Behaviour.LEAK_1), line -> {
                System.out.println(line);
                if (judged.incrementAndGet() == 1) {
                    proxy.close(); // from now on: connection refused
                }
            }, java.time.Duration.ofSeconds(2)));
        }
        List<Result> results = report.results();
        assertEquals(4, results.size());
        assertEquals(Outcome.PASS, results.get(0).outcome(), results.get(0).figure());
        for (Result r : results.subList(1, results.size())) {
            assertEquals(Outcome.ERROR, r.outcome(), r.behaviour().id() + ": " + r.figure());
            // "did not answer before this check", or — if the closing listener still took one connection —
            // "stopped answering during this check"
            assertTrue(r.figure().contains("did not answer") || r.figure().contains("stopped answering"), r.figure());
            assertFalse(Evidence.namesAClass(r.figure()), r.figure());
        }
        assertTrue(report.requiredFailures().size() == 3, "a REQUIRED ERROR fails the build");
    }
}
