package dev.offload.tck.mutants;

import dev.offload.spec.OffloadConfig;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The proxy's own read timeouts (WIRE-6): it reads whole requests before the real server sees a byte, so a stalled
 * client never reaches the server's timeouts; the proxy applies the same bounds, as a conforming server would: the
 * idle bound until a request starts, the head bound until its head is complete, the body bound between body bytes;
 * a stalled head or body gets 408 and a close, an idle connection a close.
 */
final class WireTimeouts {
    private static final WireTimeouts NONE = new WireTimeouts(null, null);

    private final OffloadConfig config;
    private final Socket client;

    private WireTimeouts(OffloadConfig config, Socket client) {
        this.config = config;
        this.client = client;
    }

    static WireTimeouts of(OffloadConfig config, Mutation mutation, Socket client) {
        return config == null || !mutation.timesOutStalledClients() ? NONE : new WireTimeouts(config, client);
    }

    /** Waits (idle bound) for the first byte of the next request, then arms the head bound. */
    void awaitHead(PushbackInputStream in) throws IOException {
        if (config == null) {
            return;
        }
        client.setSoTimeout((int) config.idleTimeout().toMillis());
        int first = in.read();
        if (first >= 0) {
            in.unread(first);
            client.setSoTimeout((int) config.headerTimeout().toMillis());
        }
    }

    /** Arms the body bound while a body is read, the idle bound again after. */
    void reading(boolean body) throws IOException {
        if (config != null && !client.isClosed()) {
            client.setSoTimeout((int) (body ? config.bodyTimeout() : config.idleTimeout()).toMillis());
        }
    }

    /** A stalled request gets 408 with the spec's JSON; an idle connection just closes. */
    void cutOff(OutputStream out, boolean requestStarted, String why) throws IOException {
        if (!requestStarted) {
            return;
        }
        Message timeout = Message.response(408, "Request Timeout");
        timeout.setHeader("Content-Type", "application/json");
        timeout.setHeader("Connection", "close");
        timeout.bodyText("{\"error\":\"" + why + "\",\"code\":\"TIMEOUT\"}");
        timeout.writeTo(out);
    }
}
