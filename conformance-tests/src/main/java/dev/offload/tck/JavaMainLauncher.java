package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Launches a Java server by main class, with this JVM's {@code java} binary and class path unless told otherwise:
 * how the bundled servers run their DRAIN checks ({@code OffloadServer.mainClass()}). The settings are passed as
 * {@code --key=value} arguments with {@code --port=0}; the port comes from the {@code started} line.
 */
public final class JavaMainLauncher implements ServerLauncher {
    private final String java;
    private final String classPath;
    private final String mainClass;
    private final List<String> jvmOptions;

    public JavaMainLauncher(String java, String classPath, String mainClass, List<String> jvmOptions) {
        this.java = java;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** This JVM's java and class path; small heap and C1 only, since the checks need fast start, not peak speed. */
    public static JavaMainLauncher ofCurrentJvm(String mainClass, String... extraJvmOptions) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        options.addAll(List.of(extraJvmOptions));
        return new JavaMainLauncher(java, System.getProperty("java.class.path"), mainClass, options);
    }

    @Override
    public LaunchedServer launch(OffloadConfig config) throws Exception {
        return launchRaw(config, List.of(), Map.of());
    }

    @Override
    public LaunchedServer launchRaw(OffloadConfig config, List<String> extraArgs, Map<String, String> extraEnvironment)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(CommandLauncher.replaced(config.with("port", "0").toArgs(), extraArgs));
        return LaunchedServer.start(command, extraEnvironment, null, Duration.ofSeconds(30));
    }

    @Override
    public boolean acceptsRawSettings() {
        return true;
    }

    @Override
    public boolean passesArguments() {
        return true;
    }

    @Override
    public String toString() {
        return java + " " + mainClass;
    }

}
