package dev.offload.helidon;

import dev.offload.spec.kit.DisconnectWatch;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the TCK cannot reach: Helidon's idle-connection check firing while the watch waits must not look like a
 * departure. A bare Helidon server whose idle timeout (1 s, checked every 200 ms) passes several times while one
 * handler watches its connection for 3.5 s.
 */
class ConnectionWatchTest {
    private static final long WAIT_MS = 3_500;

    private final BlockingQueue<DisconnectWatch.State> seen = new LinkedBlockingQueue<>();
    private WebServer server;

    @BeforeEach
    void start() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addProtocol(Http1Config.builder().addReceiveListener(new ConnectionWatch()).build())
                .idleConnectionTimeout(Duration.ofSeconds(1))
                .idleConnectionPeriod(Duration.ofMillis(200))
                .routing(routing -> routing.get("/", (req, res) -> {
                    DisconnectWatch watch = new DisconnectWatch(reason -> { });
                    ConnectionWatch.Watcher watcher = ConnectionWatch.start(req, watch);
                    Thread.sleep(WAIT_MS);
                    watcher.clientLeftBeforeReply();
                    seen.add(watch.state());
                    res.send("waited");
                    watcher.awaitAfterReply();
                }))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anIdleConnectionCheckWhileTheWatchWaitsIsNotADeparture() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", server.port()));
            client.setSoTimeout(10_000);
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(readSome(client.getInputStream()), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        assertEquals(DisconnectWatch.State.STOPPED, seen.poll(5, TimeUnit.SECONDS),
                "the watch saw nothing while the idle check ran and was stopped");
    }

    private static byte[] readSome(InputStream in) throws Exception {
        byte[] buf = new byte[512];
        int n = in.read(buf);
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
    }
}
