package dev.offload.jetty;

import dev.offload.spec.ErrorCode;
import dev.offload.spec.kit.Reply;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Arrays;
import java.util.Locale;

/**
 * WIRE-7: a request body coded with something before the final {@code chunked} that Jetty does not decode
 * ({@code gzip, chunked}) gets 501 UNSUPPORTED_TRANSFER_CODING (RFC 9112 section 6.1). Jetty's parser refuses a final
 * coding other than chunked itself (400), but takes {@code foo, chunked} as chunked and would hand the still-coded
 * body to the application. The refusal goes through {@link ErrorReplies#refuse}, so the body is consumed or the
 * connection closed.
 */
final class TransferCodings extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String codings = request.getHeaders().get(HttpHeader.TRANSFER_ENCODING);
        if (codings != null && Arrays.stream(codings.split(",")).map(c -> c.trim().toLowerCase(Locale.ROOT))
                .anyMatch(c -> !c.equals("chunked"))) {
            ErrorReplies.refuse(request, response, callback, Reply.error(ErrorCode.UNSUPPORTED_TRANSFER_CODING,
                    "transfer coding not implemented: " + printable(codings)));
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static String printable(String value) {
        String p = value.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() <= 40 ? p : p.substring(0, 40) + "…";
    }
}
