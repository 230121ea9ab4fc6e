package dev.offload.tck.servers;

import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.BundledServers;
import org.junit.jupiter.api.Named;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every server on the test class path ({@link OffloadServer#discover()}), for the tests that each server must pass
 * alike. The timings are the TCK's one fast configuration ({@link BundledServers#fastConfig()}), with a small body
 * limit so the 413 tests stay small.
 */
final class Servers implements AutoCloseable {
    /** Bodies over this get 413; small enough that a refused body still fits in the socket buffers. */
    static final int MAX_BODY_BYTES = 1024;

    private final List<Client> clients;

    private Servers(List<Client> clients) {
        this.clients = clients;
    }

    static OffloadConfig config() {
        return BundledServers.fastConfig().with("maxBodyBytes", Integer.toString(MAX_BODY_BYTES));
    }

    static List<OffloadServer> discovered() {
        List<OffloadServer> servers = OffloadServer.discover();
        assertFalse(servers.isEmpty(), "no OffloadServer in META-INF/services on the test class path");
        return servers;
    }

    /** Each server, named for the test report; for tests that start their own instance with other settings. */
    static Stream<Named<OffloadServer>> named() {
        return discovered().stream().map(server -> Named.of(server.name(), server));
    }

    /** One started instance of every server, with {@code config}. */
    static Servers start(OffloadConfig config) throws Exception {
        List<Client> started = new ArrayList<>();
        try {
            for (OffloadServer server : discovered()) {
                started.add(Client.start(server, config));
            }
        } catch (Exception | Error e) {
            started.forEach(Client::stop);
            throw e;
        }
        return new Servers(started);
    }

    List<Client> clients() {
        return clients;
    }

    @Override
    public void close() {
        clients.forEach(Client::stop);
    }
}
