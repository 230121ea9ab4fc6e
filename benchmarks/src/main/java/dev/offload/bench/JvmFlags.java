package dev.offload.bench;

import java.util.List;

/** The JVM flags a benchmark JVM needs, by the version of the JVM: each flag only where that JVM knows it. */
final class JvmFlags {
    /**
     * JMH 1.37 reads fields through {@code sun.misc.Unsafe}; from JDK 24 on that prints a deprecation warning in the
     * host VM and in every fork. This is the JDK's documented switch (JEP 471/498) to allow the access without the
     * warning. It exists from JDK 23 on; older JVMs refuse to start with it ("Unrecognized option").
     */
    static final String ALLOW_UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    static final int UNSAFE_SWITCH_SINCE = 23;

    private JvmFlags() {
    }

    /** What a JVM of {@code version} must be started with. */
    static List<String> forVersion(Runtime.Version version) {
        return version.feature() >= UNSAFE_SWITCH_SINCE ? List.of(ALLOW_UNSAFE_MEMORY_ACCESS) : List.of();
    }
}
