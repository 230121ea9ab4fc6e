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
}
