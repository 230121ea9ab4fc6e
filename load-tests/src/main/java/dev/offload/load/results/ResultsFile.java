package dev.offload.load.results;

import dev.offload.load.results.BehaviourRecords.Calibration;
import dev.offload.load.results.BehaviourRecords.Environment;
import dev.offload.load.results.BehaviourRecords.Run;
import dev.offload.load.results.BehaviourRecords.ScenarioInfo;
import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.PatternInfo;
import dev.offload.load.results.PerfRecords.Pinning;
import dev.offload.load.results.PerfRecords.Sla;
import dev.offload.load.results.PerfRecords.Soak;

import java.util.List;
import java.util.Map;

/**
 * The whole of {@code results.json} (schema {@value PerfRecords#SCHEMA}): the orchestrator writes one after every run
 * and on a crash, the scorecard reads it back into this record. {@code status} is RUNNING until the run ends, so a
 * file left RUNNING or with {@code error} set holds the runs that finished before it stopped.
 *
 * @param perfProfile the perf phases' durations and repetitions as the orchestrator's profile record writes them
 *                    (for the reader of the file; the scorecard shows none of them)
 * @param patterns    the capacity patterns by name, in run order
 * @param scenarios   the planned behaviour scenarios by name, so one with no run still gets a row
 */
public record ResultsFile(String schema, String profile, Object perfProfile, List<String> phases, FileStatus status,
                          String error, String startedAt, String finishedAt, Environment environment,
                          Pinning pinning, Sla sla, Map<String, PatternInfo> patterns, List<Capacity> capacity,
                          List<EqualRate> equalRate, List<Soak> soak, Calibration calibration,
                          Map<String, ScenarioInfo> scenarios, List<Run> runs) {

    /** The orchestrator's own state: still running, ran through with every run behaving, or not. */
    public enum FileStatus { RUNNING, OK, FAILED }
}
