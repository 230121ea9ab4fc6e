package dev.offload.bench;

/** JVM flags every benchmark fork gets. */
final class JvmFlags {
    /**
     * JMH 1.37 reads fields through {@code sun.misc.Unsafe}; from JDK 24 on that prints a deprecation warning into
     * every fork's output. This is the JDK's documented switch (JEP 471/498) to allow the access without the warning.
     */
    static final String ALLOW_UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    private JvmFlags() {
    }
}
