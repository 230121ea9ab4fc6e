package dev.offload.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's entry point: runs JMH on any JDK ≥ 21 with the flags that JDK knows ({@link JvmFlags}). Flags cannot be
 * added to a running JVM, so when this one lacks a flag it needs, it starts the same {@code java} once more with
 * it and waits; JMH's forks then inherit the flags of that host VM (JMH's default when no {@code -jvmArgs} is
 * given), so neither the host nor a fork prints the {@code sun.misc.Unsafe} warning and a JDK 21 never sees a
 * switch it would refuse.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = JvmFlags.forVersion(Runtime.version()).stream()
                .filter(flag -> !running.contains(flag)).toList();
        if (missing.isEmpty()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java runs this JVM")));
        command.addAll(running);
        command.addAll(missing);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), org.openjdk.jmh.Main.class.getName()));
        command.addAll(List.of(args));
        Process jmh = new ProcessBuilder(command).inheritIO().start();
        // A stop signal to this JVM stops the real run too, instead of leaving it running unobserved.
        Runtime.getRuntime().addShutdownHook(new Thread(jmh::destroy));
        System.exit(jmh.waitFor());
    }
}
