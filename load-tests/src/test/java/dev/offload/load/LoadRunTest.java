package dev.offload.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestrator's settings and the load shapes the scenarios promise in their descriptions. */
class LoadRunTest {

    /** Maven hands the extra settings over as one argument; both spellings are accepted. */
    @Test
    void settingsAreKeyValueWithOptionalDashesAndMaySpaceSeparate() {
        Map<String, String> o = RunOptions.parse(new String[] {"--profile=full", "scenarios=POOL,DRAIN reps=3",
                ""});
        assertEquals(Map.of("profile", "full", "scenarios", "POOL,DRAIN", "reps", "3"), o);
        assertThrows(IllegalArgumentException.class, () -> RunOptions.parse(new String[] {"verbose"}));
    }

    @Test
    void serversAreNamedJars() {
        var servers = RunOptions.servers("helidon=a/h.jar, jetty=/b/j.jar");
        assertEquals(java.util.List.of("helidon", "jetty"), java.util.List.copyOf(servers.keySet()));
        assertTrue(servers.get("jetty").isAbsolute());
        assertThrows(IllegalArgumentException.class, () -> RunOptions.servers("helidon"));
    }

    /** POOL must overload (about 10x what the pool can do); DRAIN must queue a backlog without filling the queue. */
    @Test
    void poolAndDrainRatesFollowThePoolCapacity() {
        assertEquals(10 * Scenario.Pool.CAPACITY, Scenario.POOL.defaultRate);
        assertTrue(Scenario.DRAIN.defaultRate > Scenario.Drain.CAPACITY);
        assertTrue((long) Scenario.DRAIN.defaultRate * 60 < Scenario.Drain.QUEUE, "a minute of DRAIN fits the queue");
        assertEquals(Integer.toString(Scenario.Pool.WORKERS), Scenario.POOL.serverConfig().get("workers"));
    }

    @Test
    void profilesFitTheirPurpose() {
        Profile quick = Profile.named("quick");
        Profile full = Profile.named("full");
        assertEquals(1, quick.reps());
        assertTrue(full.reps() >= 2, "the full profile repeats every run in a fresh JVM");
        assertTrue(full.measureSeconds() > quick.measureSeconds());
        assertThrows(IllegalArgumentException.class, () -> Profile.named("medium"));
    }

    /** Issue 15's floor: 3 fresh-JVM reps in quick and 5 in full, 10 soak windows, two equal rates per pattern. */
    @Test
    void perfProfilesKeepTheRepetitionsAndWindowsTheFiguresNeed() {
        PerfProfile quick = PerfProfile.named("quick");
        PerfProfile full = PerfProfile.named("full");
        assertTrue(quick.reps() >= 3 && full.reps() >= 5);
        assertTrue(quick.soakWindows() >= 10 && full.soakWindows() >= 10);
        assertTrue(full.warmupSeconds() >= 20, "one core needs 20 s of warm-up for a max-throughput reading");
        for (Pattern p : Pattern.values()) {
            assertEquals(2, quick.equalRates(p).size(), p.name());
            assertTrue(quick.equalRates(p).get(0) < quick.equalRates(p).get(1), p.name());
        }
        assertThrows(IllegalArgumentException.class, () -> PerfProfile.named("medium"));
    }

    /** Only a pattern that repeats an earlier one's request with other settings is left out of the soak. */
    @Test
    void onlyTheWatchOffRepeatIsASettingsVariant() {
        for (Pattern p : Pattern.values()) {
            assertEquals(p == Pattern.WORK_UNWATCHED, p.settingsVariant(), p.name());
        }
    }
}
