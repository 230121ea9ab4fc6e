package dev.offload.load;

import java.util.List;

/**
 * How long and how often the Gatling behaviour runs go: {@code quick} (3 s warm-up, 8 s measured, one run per
 * scenario and server: these runs check behaviour, their figures are not compared for significance) and {@code full}
 * (longer phases, two fresh-JVM repetitions per server, a finer calibration). The perf phases have their own
 * {@link PerfProfile}.
 *
 * @param calibrationSteps rates (req/s) the calibration holds one after the other, each for {@code stepSeconds}
 */
record Profile(String name, int warmupSeconds, int measureSeconds, int reps, List<Integer> calibrationSteps,
               int stepSeconds) {

    static Profile named(String name) {
        return switch (name) {
            case "quick" -> new Profile("quick", 3, 8, 1, List.of(1000, 2000, 3000, 4000, 6000), 3);
            case "full" -> new Profile("full", 15, 30, 2,
                    List.of(1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000), 5);
            default -> throw new IllegalArgumentException("profile '" + name + "': expected quick or full");
        };
    }

    Profile withReps(int reps) {
        return new Profile(name, warmupSeconds, measureSeconds, reps, calibrationSteps, stepSeconds);
    }
}
