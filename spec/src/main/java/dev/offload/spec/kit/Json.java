package dev.offload.spec.kit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper both servers use, so their bodies are byte-for-byte alike. Reading is bounded (nesting depth,
 * number and string length) so hostile bodies fail fast as 400s instead of burning CPU or stack. Request bodies must
 * be well-formed UTF-8 without duplicate member names (WIRE-8).
 */
public final class Json {
    /** Deeper nesting is refused: no payload of the spec nests more than two levels. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(64)
                            .maxStringLength(1 << 20)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"to":"a","to":"b"}: which one counts is up to each parser (RFC 8259 section 4), so refuse both
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a whole document; malformed, truncated or too deep input, input that is not well-formed UTF-8 and
     * duplicate member names are an {@link IOException}.
     */
    public static JsonNode tree(byte[] body) throws IOException {
        JsonNode node = MAPPER.readTree(strictUtf8(body));
        if (node == null || node.isMissingNode()) {
            throw new IOException("no JSON value");
        }
        return node;
    }

    /**
     * Decodes {@code body} as UTF-8, refusing what RFC 3629 forbids: overlong forms ({@code C0 AF}), encoded
     * surrogates, stray bytes. Jackson would read bytes leniently and even detect UTF-16 by itself, so it only ever
     * sees the decoded text; a UTF-16 body then fails as JSON on its NUL characters.
     */
    static String strictUtf8(byte[] body) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("body is not well-formed UTF-8", e);
        }
    }
}
