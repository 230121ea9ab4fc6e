package dev.offload.load;

import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Runs constant-rate steps of a pattern and measures them: the Hyperfoil driver, as the searches see it. */
interface StepRunner {
    Step step(String kind, Pattern pattern, int rate, double seconds, Sla sla) throws IOException, InterruptedException;

    /**
     * {@code count} windows of {@code seconds} back to back at one rate; {@code atBoundary} runs when window k ends
     * (k = 1..count), so a caller can read the server at the same instant as the CPU counters. This default runs
     * separate steps; the driver runs them as contiguous phases of one benchmark.
     */
    default List<Step> windows(String kind, Pattern pattern, int rate, double seconds, int count, Sla sla,
                               IntConsumer atBoundary) throws IOException, InterruptedException {
        List<Step> out = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            out.add(step(kind, pattern, rate, seconds, sla));
            atBoundary.accept(k);
        }
        return out;
    }
}
