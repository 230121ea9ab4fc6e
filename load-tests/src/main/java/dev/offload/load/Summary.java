package dev.offload.load;

import dev.offload.load.results.PerfRecords.Capacity;
import dev.offload.load.results.PerfRecords.EqualRate;
import dev.offload.load.results.PerfRecords.Soak;

import dev.offload.load.results.BehaviourRecords.Latency;
import dev.offload.load.results.BehaviourRecords.Run;

import java.util.List;
import java.util.Locale;

/** The table printed at the end of a load run: one line per capacity, equal-rate, soak and behaviour run. */
final class Summary {
    private Summary() {
    }

    static void print(List<Run> runs, PerfPhases perf) {
        System.out.println();
        if (perf != null) {
            System.out.println("[load] capacity  server    rep  req/s   us/req  p99 ms  status");
            for (Capacity c : List.copyOf(perf.capacity)) {
                System.out.printf(Locale.ROOT, "[load] %-9s %-9s %3d %6s %8s %7s  %s%n", c.pattern(), c.server(),
                        c.rep(), c.capacityRps(), c.cpuMicrosPerRequest(), c.p99Ms(), c.status());
            }
            System.out.println("[load] equal     server    rep  req/s   us/req  p99 ms  status");
            for (EqualRate e : List.copyOf(perf.equalRate)) {
                System.out.printf(Locale.ROOT, "[load] %-9s %-9s %3d %6d %8s %7s  %s%n", e.pattern(), e.server(),
                        e.rep(), e.rateRps(), e.cpuMicrosPerRequest(), e.p99Ms(), e.status());
            }
            System.out.println("[load] soak      server   req/s  cpu x  inj x  thr x  heap MiB  status");
            for (Soak s : List.copyOf(perf.soak)) {
                System.out.printf(Locale.ROOT, "[load] %-9s %-9s %5d %6s %6s %6s %9s  %s%n", s.pattern(),
                        s.server(), s.rateRps(), s.cpuGrowth(), s.injectorCpuGrowth(), s.throughputGrowth(),
                        s.heapGrowthBytes() == null ? "-" : s.heapGrowthBytes() >> 20, s.status());
            }
        }
        System.out.println("[load] scenario  server    rep  rate   p50   p95   p99   max  ko  us/req  RSS MiB  status");
        for (Run r : runs) {
            Latency l = r.latencyMs() == null ? new Latency(null, null, null, null, null, null, null) : r.latencyMs();
            System.out.printf(Locale.ROOT, "[load] %-9s %-9s %3s %5s %5s %5s %5s %5s %3s %7s %8s  %s%n",
                    r.scenario(), r.server(), r.rep(), r.rate(), dash(l.p50()), dash(l.p95()), dash(l.p99()),
                    dash(l.max()), dash(r.ko()), dash(r.cpuMicrosPerRequest()),
                    r.peakRssBytes() == null ? "-" : r.peakRssBytes() >> 20, r.status());
        }
    }

    private static Object dash(Object figure) {
        return figure == null ? "-" : figure;
    }
}
