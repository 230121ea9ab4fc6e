package dev.offload.spec;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The SPI every implementation provides through {@code META-INF/services/dev.offload.spec.OffloadServer}, so any
 * test or tool can start every server stack on the classpath, typically on an ephemeral port ({@code port=0}).
 */
public interface OffloadServer {

    /** Short stable name, used as a column of the conformance matrix, e.g. {@code helidon}. */
    String name();

    /**
     * The class whose {@code main(String[])} runs this server as a process: it reads {@link OffloadConfig#load},
     * prints the {@code started} line, and on SIGTERM drains and prints the {@code drained} line (see
     * {@link dev.offload.spec.kit.ProcessEvents}). The TCK's DRAIN checks launch it with the test class path.
     */
    String mainClass();

    /** Starts the server with the config's timings; returns once it accepts connections. */
    RunningServer start(OffloadConfig config) throws Exception;

    /** Every implementation on the class path, in a stable order (by name). */
    static List<OffloadServer> discover() {
        return ServiceLoader.load(OffloadServer.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(OffloadServer::name))
                .toList();
    }

    /** A started server. {@link #stop()} drains like a SIGTERM would and returns the drain report. */
    interface RunningServer extends AutoCloseable {
        int port();

        Replies.DrainReport stop();

        @Override
        default void close() {
            stop();
        }
    }
}
