package dev.offload.load;

import dev.offload.load.results.BehaviourRecords.DrainFigures;
import dev.offload.load.results.BehaviourRecords.ErrorMessage;
import dev.offload.load.results.BehaviourRecords.FanFigures;
import dev.offload.load.results.BehaviourRecords.Latency;
import dev.offload.load.results.BehaviourRecords.PoolFigures;
import dev.offload.load.results.BehaviourRecords.RequestFigures;
import dev.offload.load.results.BehaviourRecords.Run;
import dev.offload.load.results.BehaviourRecords.RunStatus;
import dev.offload.load.results.BehaviourRecords.ServerStop;
import dev.offload.load.results.BehaviourRecords.StatusLatency;
import dev.offload.load.results.BehaviourRecords.TimeoutFigures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A behaviour run's figures while it is measured, filled step by step (Gatling's report, the sidecar, the server's
 * counters, how it stopped) and frozen into one {@link Run} record at the end; unset figures stay null.
 */
final class RunBuilder {
    final String scenario;
    final String server;
    final int rep;
    final int rate;
    final boolean rateClamped;
    final Double rateFractionOfCeiling;
    final boolean nearCeiling;
    final List<String> failures = new ArrayList<>();
    String report;
    List<ErrorMessage> errorMessages = List.of();
    String request;
    Long count;
    Long ok;
    Long ko;
    Double achievedRps;
    Latency latencyMs;
    Map<String, RequestFigures> requests = Map.of();
    Map<String, Long> statusMix = Map.of();
    Map<String, StatusLatency> byStatusMs = Map.of();
    PoolFigures pool;
    TimeoutFigures timeout;
    FanFigures fan;
    DrainFigures drain;
    Long windowMs;
    Double serverCpuMs;
    Double serverCpuCores;
    Double cpuMicrosPerRequest;
    Double injectorCpuMicrosPerRequest;
    Double hostCpuBusyPercent;
    String costNote;
    Long peakRssBytes;
    Long heapAfterGcBytes;
    String heapNote;
    ServerStop serverStop;

    RunBuilder(String scenario, String server, int rep, int rate, boolean rateClamped, Double rateFractionOfCeiling,
               boolean nearCeiling) {
        this.scenario = scenario;
        this.server = server;
        this.rep = rep;
        this.rate = rate;
        this.rateClamped = rateClamped;
        this.rateFractionOfCeiling = rateFractionOfCeiling;
        this.nearCeiling = nearCeiling;
    }

    Run build() {
        return new Run(scenario, server, rep, failures.isEmpty() ? RunStatus.OK : RunStatus.FAILED,
                List.copyOf(failures), rate, rateClamped, rateFractionOfCeiling, nearCeiling, report, errorMessages,
                request, count, ok, ko, ko, achievedRps, latencyMs, requests, statusMix, byStatusMs, pool, timeout,
                fan, drain, windowMs, serverCpuMs, serverCpuCores, cpuMicrosPerRequest, injectorCpuMicrosPerRequest,
                hostCpuBusyPercent, costNote, peakRssBytes, heapAfterGcBytes, heapNote, serverStop);
    }
}
