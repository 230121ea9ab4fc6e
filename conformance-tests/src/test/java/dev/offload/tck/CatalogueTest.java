package dev.offload.tck;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TCK's own consistency: one check per behaviour, named by grade and ID; enough distinct hostile inputs. */
class CatalogueTest {

    @Test
    void everyBehaviourHasExactlyOneCheckNamedAfterItsGradeAndId() {
        List<Check> checks = Tck.checks();
        assertEquals(Behaviour.values().length, checks.size());
        for (Check c : checks) {
            String prefix = c.behaviour().grade().name().toLowerCase() + "_" + c.behaviour().name() + "_";
            assertTrue(c.name().startsWith(prefix), c.name() + " should start with " + prefix);
        }
    }

    @Test
    void atLeastFortyDistinctHostileInputsPerServer() {
        List<HostileInput> all = new java.util.ArrayList<>(HostileInputs.email(OffloadConfig.defaults()));
        all.addAll(HostileInputs.http());
        Set<String> names = new HashSet<>();
        Set<String> requests = new HashSet<>();
        for (HostileInput in : all) {
            assertTrue(names.add(in.name()), "duplicate name " + in.name());
            assertTrue(requests.add(new String(in.request().apply("h:1"), java.nio.charset.StandardCharsets.ISO_8859_1)),
                    "duplicate request " + in.name());
        }
        assertTrue(all.size() >= 40, all.size() + " hostile inputs");
    }

    @Test
    void launchTemplatesSplitLikeAShellAndSettingsBecomeEnvironmentNames() {
        assertEquals(List.of("java", "-jar", "my app.jar", "--port={port}"),
                CommandLauncher.split("java -jar \"my app.jar\"  --port={port}"));
        assertEquals("OFFLOAD_SLOW_DEADLINE", CommandLauncher.envName("slowDeadline"));
        assertEquals("OFFLOAD_MAX_CONCURRENT_REQUESTS", CommandLauncher.envName("maxConcurrentRequests"));
    }
}
