package dev.offload.helidon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.fail;

/** Bytes no HTTP client sends, on a raw socket, and everything the server answers until it closes (bounded). */
final class RawExchange {
    static final int READ_TIMEOUT_MS = 10_000;

    private RawExchange() {
    }

    /** Sends {@code requests} at once and reads until the server closes the connection, for at most the timeout. */
    static String send(int port, String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                fail("connection still open after " + READ_TIMEOUT_MS + " ms; got so far: " + all);
            } catch (SocketException e) {
                // a reset after the reply (the server closed with unread input) still ends the exchange
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
