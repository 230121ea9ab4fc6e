package dev.offload.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build must fork tests on the toolchain JDK (>= 21) even when Maven itself runs on 17. */
class ToolchainTest {
    @Test
    void forkedTestJvmIsAtLeast21() {
        int feature = Runtime.version().feature();
        assertTrue(feature >= 21, "tests run on Java " + feature + " (" + System.getProperty("java.home")
                + "); the maven-toolchains-plugin should have selected a JDK >= 21");
    }
}
