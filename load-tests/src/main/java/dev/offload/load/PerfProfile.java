package dev.offload.load;

import java.util.List;

/**
 * Durations and repetitions of the Hyperfoil phases (capacity, equal-rate, soak). {@code quick} keeps three fresh-JVM
 * repetitions per server and cuts window lengths instead; {@code full} is for publishing (20 s warm-up, which one
 * core needs for a max-throughput reading, 10 s steps, five repetitions). {@code tiny} is the end-to-end test's.
 *
 * @param jvmWarmupSeconds one window of the server JVM's verified warm-up: PLAINTEXT at {@code jvmWarmupRate}, window
 *                         after window, until two consecutive ones agree on CPU µs/request (the JIT has compiled the
 *                         HTTP path) before any search step is judged
 * @param jvmWarmupRate    req/s of that warm-up: low enough for a cold JVM on one core, whose JIT needs the CPU too
 * @param jvmWarmupWindows the most warm-up windows; a JVM that has not settled by then is searched anyway, and says so
 * @param injectorWarmupSeconds once per run, after the first server JVM's warm-up, the injector's own JIT warm-up
 *                         (PLAINTEXT at twice the JVM warm-up rate)
 * @param warmupSeconds    before each pattern's search, at three quarters of the starting rate
 * @param stepSeconds      one search step
 * @param finerSteps       bisection steps after the discovery ramp
 * @param maxRate          the highest rate the search offers; reaching it is GENERATOR_LIMITED
 * @param recoveryMillis   pause after a step that missed the SLA, so the next one starts without a backlog
 * @param windowSeconds    one equal-rate window
 * @param maxWindows       equal-rate windows before a pattern that never settles is UNSTABLE
 * @param equalRateScale   multiplies every pattern's equal rates (tiny: a few req/s)
 * @param soakWindows      consecutive soak windows after the soak's warm-up
 * @param soakWindowSeconds one soak window
 * @param soakShare        the soak's rate as a share of the server's median capacity for the pattern
 */
record PerfProfile(String name, int reps, double jvmWarmupSeconds, int jvmWarmupRate, int jvmWarmupWindows,
                   double injectorWarmupSeconds, double warmupSeconds,
                   double stepSeconds, int finerSteps, int maxRate,
                   long recoveryMillis, double windowSeconds, int maxWindows, double equalRateScale,
                   int soakWindows, double soakWindowSeconds, double soakShare) {

    static PerfProfile named(String name) {
        return switch (name) {
            // 2 s steps: a step should hold a young GC or two (every 0.6-1.5 s at capacity here, 20-40 ms each on
            // one core), so that a step without one cannot set the capacity by luck
            case "quick" -> new PerfProfile("quick", 3, 2, 6_000, 8, 15, 4, 2, 2, 160_000, 500, 1.5, 3, 1.0, 10, 1,
                    0.6);
            case "full" -> new PerfProfile("full", 5, 5, 8_000, 8, 30, 20, 10, 4, 160_000, 3000, 10, 6, 1.0, 20, 10,
                    0.6);
            case "tiny" -> new PerfProfile("tiny", 1, 0.5, 100, 2, 1, 1, 1, 1, 400, 200, 1, 2, 0.1, 10, 0.5, 0.5);
            default -> throw new IllegalArgumentException("perf profile '" + name + "': expected quick, full or tiny");
        };
    }

    /**
     * The patterns run when none are named: quick runs the five issue 15 asks for (a 15-minute budget); the CANCEL-3
     * pair (WORK, WORK_UNWATCHED: two more server JVMs per repetition) is there on request and in the full profile.
     */
    List<Pattern> defaultPatterns() {
        return "quick".equals(name) ? List.of(Pattern.PLAINTEXT, Pattern.COPY, Pattern.BG, Pattern.POOL, Pattern.FAN)
                : List.of(Pattern.values());
    }

    PerfProfile withReps(int reps) {
        return new PerfProfile(name, reps, jvmWarmupSeconds, jvmWarmupRate, jvmWarmupWindows, injectorWarmupSeconds,
                warmupSeconds, stepSeconds, finerSteps,
                maxRate, recoveryMillis, windowSeconds, maxWindows, equalRateScale, soakWindows, soakWindowSeconds,
                soakShare);
    }

    /**
     * The fixed rates every server runs a pattern at, the same for both so their costs compare: about 25 % and 50 % of
     * the slower server's capacity measured on the reference machine (2026-12-01 quick runs: Jetty PLAINTEXT 32-42k,
     * COPY 13-18k, BG 11-13k, POOL 16-18k, FAN 11k req/s). Not lower: at 1,000 req/s a 1.5 s window holds about 20
     * clock ticks of server CPU, so one tick and one young GC more or less already move it past the 10 % agreement.
     * The scorecard shows each as a share of the lower measured capacity.
     */
    List<Integer> equalRates(Pattern pattern) {
        List<Integer> base = switch (pattern) {
            case PLAINTEXT -> List.of(7_500, 15_000);
            case COPY, BG, FAN -> List.of(3_000, 6_000);
            case POOL -> List.of(4_000, 8_000);
            case WORK, WORK_UNWATCHED -> List.of(1_500, 3_000);
        };
        return base.stream().map(r -> Math.max(1, (int) Math.round(r * equalRateScale))).toList();
    }

    /** Seconds the phases take at most, for the progress line: {@code groups} server JVMs per server and rep. */
    long estimateSeconds(int servers, int patterns, int groups, int soaked) {
        double warmUp = jvmWarmupWindows * (jvmWarmupSeconds + 0.5);
        double perPattern = warmupSeconds + (6 + finerSteps) * (stepSeconds + 0.5) + 2 * 3 * (windowSeconds + 0.3);
        double soak = (soakWindows + 2) * (soakWindowSeconds + 0.3) + 4 + warmUp;
        return Math.round(injectorWarmupSeconds
                + servers * (reps * (patterns * perPattern + groups * (warmUp + 4)) + soaked * soak));
    }
}
