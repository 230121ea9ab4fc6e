package dev.offload.helidon;

import dev.offload.spec.OffloadConfig;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP/1.1 connection of the listener, served by Helidon's own HTTP/1.1 connection through a guard that keeps
 * the wire honest (WIRE-1..6), because Helidon 4.5.0 has no means of its own for it: after a 413 on a chunked body
 * or an early answer to {@code Expect: 100-continue} it parses the unread body as requests, it skips the two bytes
 * after chunk data unchecked and takes {@code +2} as a chunk size, it answers requests pipelined behind
 * {@code Connection: close}, writes bodies on HEAD error replies, and has no read timeout (its idle-connection
 * reaper runs every few minutes and never interrupts a body read). See {@link RequestFraming},
 * {@link ResponseHeads} and {@link GuardedConnection}.
 *
 * <p>It is registered through the listener's {@code connection-selectors}, consulted before the discovered ones, and
 * claims every connection that does not start with the HTTP/2 preface (that one stays with Helidon's HTTP/2
 * selector). So it also is the HTTP/1.1 fallback a garbage request line needs: 4.5.0's own selector declines a
 * long line without a line end and leaves a short unknown one unanswered (findings H3, H4); here it gets Helidon's
 * HTTP/1.1 refusal (400, 414, 505).
 */
final class WireGuard implements ServerConnectionSelector {
    private static final byte[] HTTP_2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** How often stalled connections are looked for; a cut-off is at most this late. */
    private static final long SWEEP_MS = 100;

    /** Every guarded connection of every server in this JVM, swept by one daemon thread. */
    private static final Set<GuardedConnection> OPEN = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "offload-wire-guard");
        t.setDaemon(true);
        return t;
    });

    static {
        WATCHDOG.scheduleWithFixedDelay(WireGuard::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    private final ServerConnectionSelector http1;
    private final OffloadConfig config;

    /** {@code http1}: the listener's HTTP/1.1 settings; h2c upgrades keep working through Helidon's upgrader. */
    WireGuard(Http1Config http1, OffloadConfig config) {
        this.http1 = new Http1ConnectionProvider().create(http1.name(), http1,
                ProtocolConfigs.create(List.of(http1, Http2Config.create())));
        this.config = config;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    /** Everything but the HTTP/2 preface; while the bytes so far could still be the preface, wait for more. */
    @Override
    public Support supports(BufferData data) {
        int n = Math.min(data.available(), HTTP_2_PREFACE.length);
        for (int i = 0; i < n; i++) {
            if (data.get(i) != HTTP_2_PREFACE[i]) {
                return Support.SUPPORTED;
            }
        }
        return n == HTTP_2_PREFACE.length ? Support.UNSUPPORTED : Support.UNKNOWN;
    }

    /** None: ALPN (TLS) keeps choosing Helidon's own selectors. */
    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        GuardedConnection guarded = new GuardedConnection(ctx, config);
        ServerConnection connection = http1.connection(guarded);
        guarded.attach(connection);
        OPEN.add(guarded);
        return new ServerConnection() {
            @Override
            public void handle(io.helidon.common.concurrency.limits.Limit limit) throws InterruptedException {
                try {
                    connection.handle(limit);
                } finally {
                    OPEN.remove(guarded);
                }
            }

            @Override
            public void close(boolean interrupt) {
                connection.close(interrupt);
            }

            @Override
            public java.time.Duration idleTime() {
                return connection.idleTime();
            }
        };
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (GuardedConnection c : OPEN) {
            try {
                c.checkTimeout(now);
            } catch (RuntimeException e) {
                OPEN.remove(c); // its socket is gone already
            }
        }
    }
}
