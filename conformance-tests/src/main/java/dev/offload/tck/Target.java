package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server under test, as the TCK sees it: a base URL, the settings it runs with (the TCK needs its timings to
 * judge them, e.g. {@code slowDeadline} for TIMEOUT-2), and optionally ways to start more instances of it:
 * {@link ServerLauncher} runs it as a process for the DRAIN checks, {@link ServerStarter} starts an instance with
 * other settings (LIMIT-1 needs {@code maxConcurrentRequests}).
 */
public final class Target {
    private final String name;
    private final URI base;
    private final OffloadConfig config;
    private final ServerLauncher launcher;
    private final ServerStarter starter;
    private final Supplier<String> outputTail;

    private Target(String name, URI base, OffloadConfig config, ServerLauncher launcher, ServerStarter starter,
                   Supplier<String> outputTail) {
        this.name = Objects.requireNonNull(name, "name");
        this.base = Objects.requireNonNull(base, "base");
        this.config = Objects.requireNonNull(config, "config");
        this.launcher = launcher;
        this.starter = starter;
        this.outputTail = outputTail;
    }

    /** A server at {@code base} running with {@code config}'s settings (its host and port are not used). */
    public static Target of(String name, URI base, OffloadConfig config) {
        String text = base.toString();
        return new Target(name, URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), config,
                null, null, null);
    }

    /** Adds process launching: the DRAIN checks run, and LIMIT-1 can start a limited instance as a process. */
    public Target withLauncher(ServerLauncher launcher) {
        return new Target(name, base, config, launcher, starter, outputTail);
    }

    /** Adds a starter for instances with other settings (in-process servers use this for LIMIT-1). */
    public Target withStarter(ServerStarter starter) {
        return new Target(name, base, config, launcher, starter, outputTail);
    }

    /**
     * Where the end of the server's output can be read (a process the caller launched): quoted in the verdicts
     * when the server stops answering.
     */
    public Target withOutputTail(Supplier<String> outputTail) {
        return new Target(name, base, config, launcher, starter, outputTail);
    }

    /** The end of the server's output, if known. */
    public Optional<String> outputTail() {
        return Optional.ofNullable(outputTail).map(Supplier::get).filter(t -> !t.isBlank());
    }

    public String name() {
        return name;
    }

    public URI base() {
        return base;
    }

    public OffloadConfig config() {
        return config;
    }

    public Optional<ServerLauncher> launcher() {
        return Optional.ofNullable(launcher);
    }

    /** How to start an instance with other settings: the starter if given, else the launcher. */
    public Optional<ServerStarter> starter() {
        if (starter != null) {
            return Optional.of(starter);
        }
        return launcher().map(l -> l::launch);
    }

    @Override
    public String toString() {
        return name + " at " + base;
    }
}
