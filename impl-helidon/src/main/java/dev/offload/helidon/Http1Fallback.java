package dev.offload.helidon;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.Bytes;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.util.Set;

/**
 * Makes HTTP/1.1 the listener's fallback protocol, so a request line Helidon cannot place gets Helidon's own HTTP/1.1
 * refusal (400, 414, 505 through the direct handlers) instead of silence (findings H3, H4).
 *
 * <p>Why it is needed: with HTTP/2 on the class path a listener has two connection selectors. Helidon 4.5.0's HTTP/1.1
 * selector claims a connection only if the first line ends in {@code " HTTP/1.1\r"}, or has no line end yet within
 * {@code max-prologue-length}; it declines a longer line without a line end, although its own comment calls
 * HTTP/1.1 the fallback "so we can send proper error". The HTTP/2 selector needs 24 bytes (the preface) to decide.
 * So {@code HELLO THERE\r\n\r\n} (15 bytes) waits forever for bytes that never come, longer garbage and a 64 KiB
 * request target are closed without a word, because no selector is left.
 *
 * <p>This selector is registered through the listener's {@code connection-selectors}, which Helidon consults before
 * the discovered ones. It declines everything the built-in selectors handle (a complete HTTP/1.1 request line, the
 * HTTP/2 preface, a partial line within the limit) and takes only what they would drop, handing it to a plain
 * Helidon {@link Http1ConnectionSelector HTTP/1.1 connection}, whose prologue parser answers it.
 */
final class Http1Fallback implements ServerConnectionSelector {
    private static final String HTTP_1_1_LINE_END = " HTTP/1.1\r";
    private static final String HTTP_2_PREFACE_START = "PRI * HTTP/2.0";

    private final Http1ConnectionSelector http1;
    private final int maxPrologueLength;

    /** {@code http1} must be the listener's HTTP/1.1 settings, so the fallback parses with the same limits. */
    Http1Fallback(Http1Config http1) {
        this.http1 = Http1ConnectionSelector.builder().config(http1).build();
        this.maxPrologueLength = http1.maxPrologueLength();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        int lineEnd = data.indexOf(Bytes.LF_BYTE);
        if (lineEnd == -1) {
            // within the limit the built-in HTTP/1.1 selector takes it; beyond it, it would be dropped: 414
            return data.available() > maxPrologueLength ? Support.SUPPORTED : Support.UNSUPPORTED;
        }
        String firstLine = data.readString(lineEnd);
        boolean known = firstLine.endsWith(HTTP_1_1_LINE_END) || firstLine.startsWith(HTTP_2_PREFACE_START);
        return known ? Support.UNSUPPORTED : Support.SUPPORTED;
    }

    /** None: ALPN (TLS) keeps choosing Helidon's own selectors. */
    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http1.connection(ctx);
    }
}
