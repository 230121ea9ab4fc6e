package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

/**
 * Runs the server under test as an operating-system process that follows the spec's process protocol: it prints
 * {@code {"event":"started",...,"port":N}} once listening and, on SIGTERM, drains and prints
 * {@code {"event":"drained",...}} as its last line. The DRAIN checks need one.
 */
@FunctionalInterface
public interface ServerLauncher {

    /** Starts a process with {@code config}'s settings and returns once it accepts connections. */
    LaunchedServer launch(OffloadConfig config) throws Exception;

    /**
     * Like {@link #launch} with settings written as the TCK chooses, even ones {@code OffloadConfig} would refuse:
     * {@code extraArgs} ({@code --key=value}, given only if this launcher passes arguments at all) and
     * {@code extraEnvironment} ({@code OFFLOAD_*}), each replacing the config's own value of that key. For
     * checking what start-up does with them (SPEC.md CFG-1: formats accepted, bad settings refused); a process that
     * exits is a {@link LaunchedServer.NotStarted} with its output.
     *
     * @throws UnsupportedOperationException if this launcher cannot pass raw settings
     */
    default LaunchedServer launchRaw(OffloadConfig config, java.util.List<String> extraArgs,
                                     java.util.Map<String, String> extraEnvironment) throws Exception {
        throw new UnsupportedOperationException("this launcher cannot pass raw settings");
    }

    /** Whether {@link #launchRaw} is supported. */
    default boolean acceptsRawSettings() {
        return false;
    }

    /** Whether {@link #launchRaw}'s {@code extraArgs} reach the process (a template with {@code {config}}). */
    default boolean passesArguments() {
        return false;
    }
}
