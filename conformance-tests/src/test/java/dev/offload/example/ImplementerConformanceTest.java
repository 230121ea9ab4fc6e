package dev.offload.example;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.junit.OffloadTck;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.util.EnumSet;
import java.util.stream.Stream;

/**
 * What an implementer writes in their own build, using only the TCK's public entry point: their server started by
 * its command line, every check as a JUnit test. Here the "implementer's server" is a bundled one run as a process
 * ({@code java -cp … <main class> {config}}), and only a few behaviours run, since the bundled conformance test
 * already runs them all; drop {@code .only(...)} for the full catalogue.
 */
class ImplementerConformanceTest {

    @TestFactory
    Stream<DynamicNode> myServerConformsToOffload() {
        return OffloadTck.launching(javaCommand() + " {config}")
                .named("implementer-example")
                .settings("--slowDeadline=300ms", "--emailDelay=300ms", "--userDelay=200ms", "--ordersDelay=300ms")
                .only(EnumSet.of(Behaviour.HTTP_1, Behaviour.TIMEOUT_2, Behaviour.FAN_1, Behaviour.CANCEL_4,
                        Behaviour.DRAIN_2))
                .tests();
    }

    /** The command that starts "my server": here the first bundled server's main class on this class path. */
    private static String javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String mainClass = OffloadServer.discover().get(0).mainClass();
        return "\"" + java + "\" -Xmx256m -XX:TieredStopAtLevel=1 -cp \"" + System.getProperty("java.class.path")
                + "\" " + mainClass;
    }
}
