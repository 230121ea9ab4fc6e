package dev.offload.jetty;

import dev.offload.spec.kit.Inputs;
import dev.offload.spec.kit.RequestBody;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/** The raw values handlers copy out of a Jetty request for the kit: query, headers, path id, bodies. */
final class RequestValues {
    private RequestValues() {
    }

    /** One query parameter (the first, if repeated), or null. Malformed encodings are Jetty's 400. */
    static String query(Request request, String name) {
        return Request.extractQueryParameters(request).getValue(name);
    }

    static String contentType(Request request) {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    /** The last segment of the path: the {@code {id}} of an endpoint that {@link Routes} matched. */
    static String lastSegment(Request request) {
        String path = request.getHttpURI().getCanonicalPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * Reads the whole body, never more than {@code maxBytes} + 1 bytes into memory. {@code SizeLimitHandler} in
     * front refuses a declared Content-Length over the limit and fails the read of a longer chunked body with its
     * HttpException 413, which reaches {@link ErrorReplies}; the kit's own size check covers the rest.
     */
    static byte[] bytes(Request request, int maxBytes) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            Inputs.requireSize(body.length, maxBytes);
            return body;
        }
    }

    /**
     * The URL-encoded body through Jetty's {@link FormFields}, as UTF-8 (the kit already refused any other
     * charset), with at most {@link RequestBody#MAX_FORM_FIELDS} fields and {@code maxBytes} characters. Jetty's own
     * failures (SizeLimitHandler's 413, an early EOF's 400) are HttpExceptions and reach {@link ErrorReplies}.
     */
    static RequestBody.Form form(Request request, int maxBytes) throws IOException {
        try {
            Fields fields = FormFields.getFields(request, request, StandardCharsets.UTF_8,
                    RequestBody.MAX_FORM_FIELDS, maxBytes);
            return fields::getValue;
        } catch (CompletionException e) {
            // a checked failure of the parse or the read
            if (e.getCause() instanceof CharacterCodingException) {
                throw RequestBody.undecodableForm();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        } catch (RuntimeException e) {
            if (!(e instanceof HttpException) && (e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException)) {
                // a bad %-escape, too many fields, too many characters
                throw RequestBody.undecodableForm();
            }
            throw e;
        }
    }

}
