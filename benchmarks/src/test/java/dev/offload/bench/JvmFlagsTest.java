package dev.offload.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The benchmarks run on any JDK ≥ 21: the {@code sun.misc.Unsafe} switch goes only to JVMs that know it (23+).
 * If it fails: a JDK 21 or 22 would refuse to start the benchmark JVM ("Unrecognized option").
 */
class JvmFlagsTest {
    @Test
    void jdk21And22GetNoSwitchTheyWouldRefuse() {
        assertEquals(List.of(), JvmFlags.forVersion(Runtime.Version.parse("21.0.5")));
        assertEquals(List.of(), JvmFlags.forVersion(Runtime.Version.parse("22")));
    }

    @Test
    void jdk23AndLaterAllowTheAccessWithoutTheWarning() {
        for (String version : List.of("23", "24.0.1", "25.0.3")) {
            assertEquals(List.of(JvmFlags.ALLOW_UNSAFE_MEMORY_ACCESS),
                    JvmFlags.forVersion(Runtime.Version.parse(version)), version);
        }
    }
}
