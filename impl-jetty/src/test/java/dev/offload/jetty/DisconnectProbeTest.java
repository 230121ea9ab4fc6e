package dev.offload.jetty;

import dev.offload.spec.kit.DisconnectWatch;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the TCK cannot reach: a connector idle timeout that expires while the probe waits must not look like a
 * departure. A bare Jetty server with a 1 s idle timeout and one handler that probes while it waits 3.5 s.
 */
class DisconnectProbeTest {
    private static final long WAIT_MS = 3_500;

    private final BlockingQueue<DisconnectWatch.State> seen = new LinkedBlockingQueue<>();
    private Server server;
    private ServerConnector connector;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // long enough that the handler (which then opts out of idle timeouts) starts within it even on a busy machine
        connector.setIdleTimeout(1_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                request.addIdleTimeoutListener(timeout -> false); // as WorkHandler: the wait is bounded by itself
                DisconnectWatch watch = new DisconnectWatch(reason -> { });
                DisconnectProbe probe = DisconnectProbe.start(request, watch);
                try {
                    Thread.sleep(WAIT_MS);
                } finally {
                    probe.withdraw();
                }
                seen.add(watch.state());
                response.write(true, ByteBuffer.wrap("waited".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void anIdleTimeoutWhileTheProbeWaitsIsNotADeparture() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()));
            client.setSoTimeout(10_000);
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(readSome(client.getInputStream()), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        assertEquals(DisconnectWatch.State.STOPPED, seen.poll(5, TimeUnit.SECONDS),
                "the probe saw nothing during 3 idle timeouts and was withdrawn");
    }

    private static byte[] readSome(InputStream in) throws Exception {
        byte[] buf = new byte[512];
        int n = in.read(buf);
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
    }
}
