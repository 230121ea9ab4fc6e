package dev.offload.helidon;

import dev.offload.spec.kit.RequestBody;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.BadRequestException;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request entity the kit asked for, on the request thread (Helidon drains an unread entity when the handler
 * returns, so a later read would see nothing). Oversized bodies never get here: the listener's
 * {@code max-payload-size} answers 413 itself. A broken HTTP/1.1 body framing becomes the 400 Helidon means to
 * send: Helidon 4.5.0 lets two framing failures escape its entity reader as plain runtime exceptions, which the
 * routing would answer as 500 (findings H1, H2):
 * <ul>
 *   <li>the client ends the stream before {@code Content-Length} bytes or the last chunk arrived:
 *       {@link DataReader.InsufficientDataAvailableException};</li>
 *   <li>a chunk size that is not hex ({@code zz\r\n}): {@link NumberFormatException} from
 *       {@code ParserHelper.parseNonNegative}, which maps only negative sizes to its "Chunk size is invalid"
 *       refusal.</li>
 * </ul>
 * Both become Helidon's {@link BadRequestException}, which {@link ErrorReplies} leaves to the connection: it answers
 * through the direct handler and closes, so the rest of the broken stream is never read as a next request.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The whole body as bytes (none without an entity). */
    static RequestBody.Reader<byte[]> bytes(ServerRequest req) {
        return () -> req.content().hasEntity() ? read(req, byte[].class) : new byte[0];
    }

    /**
     * The body decoded by the kit's strict form decoder: Helidon's form media support replaces bytes that are not
     * UTF-8 with U+FFFD instead of refusing them, so undecodable input would be accepted (Jetty's FormFields refuse).
     */
    static RequestBody.Reader<RequestBody.Form> form(ServerRequest req) {
        return () -> req.content().hasEntity() ? RequestBody.decodeForm(read(req, byte[].class)) : name -> null;
    }

    /** The entity as {@code type}; only the read sits inside the try, so nothing else is mistaken for framing. */
    private static <T> T read(ServerRequest req, Class<T> type) {
        try {
            return req.content().as(type);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new BadRequestException("request body ended before its declared length", e);
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid chunk size in chunked request body", e);
        }
    }
}
