package dev.offload.spec.kit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** WIRE-8: what the kit's JSON reader refuses although a lenient decoder would read something from it. */
class JsonTest {

    @Test
    void wellFormedUtf8IsRead() throws IOException {
        assertEquals("é@example.com", Json.tree("{\"to\":\"é@example.com\"}".getBytes(StandardCharsets.UTF_8))
                .path("to").asText());
    }

    @Test
    void overlongSlashIsRefused() {
        // "a" C0 AF "b": C0 AF is an overlong '/', which a lenient decoder turns into "a/b"
        byte[] body = {'{', '"', 't', 'o', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};
        assertThrows(IOException.class, () -> Json.tree(body));
    }

    @Test
    void encodedSurrogateIsRefused() {
        byte[] body = {'{', '"', 't', 'o', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertThrows(IOException.class, () -> Json.tree(body));
    }

    @Test
    void utf16DeclaredAsUtf8IsRefused() {
        assertThrows(IOException.class, () -> Json.tree("{\"to\":\"a@example.com\"}"
                .getBytes(StandardCharsets.UTF_16LE)));
        assertThrows(IOException.class, () -> Json.tree("{\"to\":\"a@example.com\"}"
                .getBytes(StandardCharsets.UTF_16)));
    }

    @Test
    void duplicateMemberNamesAreRefused() {
        assertThrows(IOException.class, () -> Json.tree("{\"to\":\"a@example.com\",\"to\":\"b@example.com\"}"
                .getBytes(StandardCharsets.UTF_8)));
    }
}
