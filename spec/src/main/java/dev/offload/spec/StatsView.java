package dev.offload.spec;

/** {@code GET /stats}: {@code active = queued + running}; the other counters count since start. */
public record StatsView(String server, long active, long queued, long running, long succeeded, long failed,
                        long cancelled, long timedOut, long rejected) {
}
