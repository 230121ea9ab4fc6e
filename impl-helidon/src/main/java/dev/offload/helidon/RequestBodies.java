package dev.offload.helidon;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.BadRequestException;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request entity, turning a broken HTTP/1.1 body framing into the 400 Helidon means to send.
 * Helidon 4.5.0 lets two framing failures escape its entity reader as plain runtime exceptions, which the routing
 * would answer as 500 (findings H1, H2):
 * <ul>
 *   <li>the client ends the stream before {@code Content-Length} bytes or the last chunk arrived:
 *       {@link DataReader.InsufficientDataAvailableException};</li>
 *   <li>a chunk size that is not hex ({@code zz\r\n}): {@link NumberFormatException} from
 *       {@code ParserHelper.parseNonNegative}, which maps only negative sizes to its "Chunk size is invalid"
 *       refusal.</li>
 * </ul>
 * Both become Helidon's {@link BadRequestException}, which {@link ErrorMapping} leaves to the connection: it answers
 * through the direct handler and closes, so the rest of the broken stream is never read as a next request.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The entity as {@code type}; only the read sits inside the try, so nothing else is mistaken for framing. */
    static <T> T read(ServerRequest req, Class<T> type) {
        try {
            return req.content().as(type);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new BadRequestException("request body ended before its declared length", e);
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid chunk size in chunked request body", e);
        }
    }
}
