package dev.offload.spec.kit;

import dev.offload.spec.EmailRequest;
import dev.offload.spec.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputsTest {
    private static final String JSON = "application/json";

    @Test
    void aValidEmailIsAccepted() {
        EmailRequest email = Inputs.email("application/json; charset=UTF-8",
                bytes("{\"to\":\"a@example.com\",\"subject\":\"hi\",\"body\":\"text\"}"), 1024);
        assertEquals(new EmailRequest("a@example.com", "hi", "text"), email);
    }

    /** The validation table of BG-2: each bad e-mail request and the code it must get. */
    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"to\":\"a@example.com\"`            | application/json | MALFORMED_JSON",
            "`{to: 'a@example.com'}`                | application/json | MALFORMED_JSON",
            "`{\"to\":\"a@example.com\"} trailing`  | application/json | MALFORMED_JSON",
            "`[1,2,3]`                              | application/json | INVALID_FIELD",
            "`\"just a string\"`                    | application/json | INVALID_FIELD",
            "`{}`                                   | application/json | INVALID_FIELD",
            "`{\"to\":\"   \"}`                     | application/json | INVALID_FIELD",
            "`{\"to\":42}`                          | application/json | INVALID_FIELD",
            "`{\"to\":\"a@example.com\",\"subject\":[]}` | application/json | INVALID_FIELD",
            "`{\"to\":\"not-an-address\"}`          | application/json | INVALID_FIELD",
            "`{\"to\":null}`                        | application/json | INVALID_FIELD",
            "``                                     | application/json | EMPTY_BODY",
            "`{\"to\":\"a@example.com\"}`           | text/plain       | UNSUPPORTED_MEDIA_TYPE",
            "`{\"to\":\"a@example.com\"}`           | application/json; charset=latin1 | UNSUPPORTED_MEDIA_TYPE",
    })
    void badEmailsAreRefusedWithTheirCode(String body, String contentType, ErrorCode expected) {
        ApiException e = assertThrows(ApiException.class, () -> Inputs.email(contentType, bytes(body), 1024));
        assertEquals(expected, e.code(), e.getMessage());
    }

    @Test
    void missingContentTypeIs415AndOversizeIs413() {
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(ApiException.class, () -> Inputs.email(null, bytes("{}"), 1024)).code());
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, assertThrows(ApiException.class,
                () -> Inputs.email(JSON, bytes("{\"to\":\"" + "x".repeat(2000) + "@a\"}"), 1024)).code());
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"to\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertEquals(ErrorCode.MALFORMED_JSON,
                assertThrows(ApiException.class, () -> Inputs.email(JSON, bytes(deep), 1 << 20)).code());
    }

    @ParameterizedTest
    @CsvSource({"-1", "abc", "1.5", "60001", "99999999999999999999", "' '", "''", "0x10"})
    void badMillisAreInvalidParams(String raw) {
        assertEquals(ErrorCode.INVALID_PARAM,
                assertThrows(ApiException.class, () -> Inputs.millis("ms", raw, Duration.ZERO)).code());
    }

    @Test
    void millisInRangeAndDefault() {
        assertEquals(Duration.ofMillis(60_000), Inputs.millis("ms", "60000", Duration.ZERO));
        assertEquals(Duration.ofMillis(7), Inputs.millis("ms", null, Duration.ofMillis(7)));
    }

    @Test
    void jobsNeedDataAndTheFormContentType() {
        assertEquals(new Inputs.JobRequest("x", Duration.ofMillis(100)),
                Inputs.job("application/x-www-form-urlencoded", "x", null));
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ApiException.class,
                () -> Inputs.job("application/x-www-form-urlencoded", " ", null)).code());
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(ApiException.class, () -> Inputs.job(JSON, "x", null)).code());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void formsDecodeStrictlyAsUrlEncodedUtf8() {
        RequestBody.Form form = Inputs.form("data=a+b%21%C3%A9&ms=5&data=second&flag".getBytes(StandardCharsets.US_ASCII));
        assertEquals("a b!\u00e9", form.first("data"), "first value wins, + is a space, %XX is UTF-8");
        assertEquals("5", form.first("ms"));
        assertEquals("", form.first("flag"));
        assertEquals(null, form.first("missing"));
    }

    @ParameterizedTest
    @CsvSource({"data=%C3%28", "data=%zz", "data=%C0%AF", "data=%", "data=\u00e9"})
    void undecodableFormsAreRefusedNotRepaired(String body) {
        ApiException refused = assertThrows(ApiException.class,
                () -> Inputs.form(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorCode.INVALID_FIELD, refused.code());
    }

    @Test
    void aFloodOfFieldsIsRefused() {
        String many = "a=1&".repeat(Inputs.MAX_FORM_FIELDS + 1);
        assertThrows(ApiException.class, () -> Inputs.form(many.getBytes(StandardCharsets.US_ASCII)));
    }
}
