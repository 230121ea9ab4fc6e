package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** How the kit asks a server for a request body, read the server's own way, only once the headers were accepted. */
public final class RequestBody {
    /** The job form has two fields; a flood of keys is refused rather than collected. */
    public static final int MAX_FORM_FIELDS = 16;

    private RequestBody() {
    }

    /**
     * Reads the body. Throws {@link ApiException} for a body the server refused (413 over {@code maxBodyBytes},
     * an undecodable form), {@link IOException} for a broken or cut connection, which the server answers itself.
     */
    @FunctionalInterface
    public interface Reader<T> {
        T read() throws IOException;
    }

    /** A decoded form body: the first value of a field, or null. */
    @FunctionalInterface
    public interface Form {
        String first(String name);
    }

    /** The one refusal of a form body that is not URL-encoded UTF-8 or has too many fields, on every server. */
    public static ApiException undecodableForm() {
        return new ApiException(ErrorCode.INVALID_FIELD,
                "form body is not valid URL-encoded UTF-8 with at most " + MAX_FORM_FIELDS + " fields");
    }

    /**
     * {@code application/x-www-form-urlencoded} decoded strictly, for a server whose own decoder is lenient: a bad
     * %-escape, bytes that are not UTF-8 (never replaced by U+FFFD) or more than {@value #MAX_FORM_FIELDS} fields
     * are {@link #undecodableForm()}. {@code +} is a space; a field without {@code =} has the empty value.
     */
    public static Form decodeForm(byte[] body) {
        Map<String, String> first = new HashMap<>();
        int fields = 0;
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++fields > MAX_FORM_FIELDS) {
                throw undecodableForm();
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            first.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return first::get;
    }

    private static String decode(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int hi = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(part.charAt(i + 2), 16);
                if (lo < 0) {
                    throw undecodableForm();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c); // c is one raw byte (ISO-8859-1 above)
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw undecodableForm();
        }
    }
}
