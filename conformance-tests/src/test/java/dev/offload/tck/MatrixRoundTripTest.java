package dev.offload.tck;

import dev.offload.spec.Behaviour;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** matrix.json written by {@link Matrix} reads back (through the one reader, {@code MatrixJson}) as it was. */
class MatrixRoundTripTest {

    @Test
    void everyOutcomeAndFigureSurvivesWriteAndRead() throws Exception {
        List<Result> results = List.of( // in catalogue order, as a run reports them
                new Result(Behaviour.TIMEOUT_2, "t2", Verdict.pass("408 after 301 ms").withValue(1, "ms"), 400),
                new Result(Behaviour.DRAIN_1, "d1", Verdict.skipped("needs --launch"), 0),
                new Result(Behaviour.LEAK_1, "l1", Verdict.error("the server did not answer"), 0),
                new Result(Behaviour.HTTP_1, "h1", Verdict.fail("404 without JSON"), 20));
        ServerReport report = new ServerReport("s", "http://127.0.0.1:1", Scale.QUICK.label(), results, 420);
        Path dir = Files.createTempDirectory("matrix");
        Matrix.write(List.of(report), dir);
        ServerReport back = Matrix.read(dir.resolve("matrix.json")).get(0);
        assertEquals(report.server(), back.server());
        assertEquals(report.scale(), back.scale());
        for (Result r : results) {
            Result b = back.result(r.behaviour()).orElseThrow();
            assertEquals(r.outcome(), b.outcome());
            assertEquals(r.figure(), b.figure());
            assertEquals(r.verdict().value(), b.verdict().value());
        }
        assertEquals(report.summary().replaceAll("· [0-9.]+ s$", ""), back.summary().replaceAll("· [0-9.]+ s$", ""));
    }
}
