package dev.offload.tck;

import dev.offload.spec.OffloadConfig;

import java.net.URI;

/** Starts one more instance of the server under test with the given settings (any port). */
@FunctionalInterface
public interface ServerStarter {

    Started start(OffloadConfig config) throws Exception;

    /** A running instance; closing it stops it. */
    interface Started extends AutoCloseable {
        URI base();

        @Override
        void close();
    }
}
