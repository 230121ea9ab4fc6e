package dev.offload.load;

import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Step;

import java.io.IOException;

/** Runs one constant-rate step of a pattern and measures it: the Hyperfoil driver, as the searches see it. */
interface StepRunner {
    Step step(String kind, Pattern pattern, int rate, double seconds, Sla sla) throws IOException, InterruptedException;
}
