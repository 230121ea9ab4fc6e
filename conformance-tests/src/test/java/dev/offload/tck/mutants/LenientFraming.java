package dev.offload.tck.mutants;

import dev.offload.tck.wire.Http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** The request-framing bugs of {@link Mutation.RequestFraming}: the proxy frames a body itself, wrongly. */
final class LenientFraming {
    /** Returned when even the lenient parser gives up (the proxy then answers 400 and closes). */
    static final byte[] BROKEN = new byte[0];

    private LenientFraming() {
    }

    /**
     * The body as the mutation frames it, with {@code request} rewritten to carry it by Content-Length; null when
     * the mutation leaves the framing to the real server.
     */
    static byte[] apply(Mutation mutation, Message request, InputStream in) throws IOException {
        String codings = request.header("Transfer-Encoding");
        boolean hasLength = request.header("Content-Length") != null;
        long codingFields = request.headers.stream().filter(h -> h[0].equalsIgnoreCase("Transfer-Encoding")).count();
        return switch (mutation.requestFraming(request)) {
            case PASS_THROUGH -> null;
            case CONTENT_LENGTH_WINS -> {
                if (codings == null || !hasLength) {
                    yield null;
                }
                request.headers.removeIf(h -> h[0].equalsIgnoreCase("Transfer-Encoding"));
                yield in.readNBytes((int) request.contentLength());
            }
            case LENIENT_CHUNKED -> {
                if (codings == null || hasLength || codingFields != 1
                        || !codings.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                    yield null;
                }
                byte[] body = dechunk(in);
                if (body != BROKEN) {
                    request.removeHeader("Transfer-Encoding");
                    request.setHeader("Content-Length", Integer.toString(body.length));
                }
                yield body;
            }
        };
    }

    /** The bug: {@code Long.parseLong} takes "+2", and the two bytes after chunk data are skipped unchecked. */
    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = Http1.line(in);
            int semi = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
            } catch (NumberFormatException e) {
                return BROKEN;
            }
            if (size < 0 || size > 4 << 20) {
                return BROKEN;
            }
            if (size == 0) {
                for (String trailer = Http1.line(in); !trailer.isEmpty(); trailer = Http1.line(in)) {
                    // trailers dropped
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes((int) size));
            in.skipNBytes(2);
        }
    }
}
