package dev.offload.spec.kit;

import dev.offload.spec.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kit's strict form decoder: what a lenient server decoder would accept and Jetty's FormFields refuse. */
class RequestBodyTest {
    private static RequestBody.Form form(String body) {
        return RequestBody.decodeForm(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void decodesEscapesPlusAndTakesTheFirstValue() {
        RequestBody.Form f = form("data=a+b%20%C3%A9&ms=10&data=second&flag");
        assertEquals("a b \u00e9", f.first("data"));
        assertEquals("10", f.first("ms"));
        assertEquals("", f.first("flag"));
        assertNull(f.first("missing"));
        assertNull(form("").first("data"));
    }

    @Test
    void badEscapesInvalidUtf8AndTooManyFieldsAreTheOneRefusal() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= RequestBody.MAX_FORM_FIELDS; i++) {
            many.append("f").append(i).append("=x&");
        }
        for (String body : new String[] {"data=%zz", "data=%C3%28", "data=%C3", "data=%4", "data=%C0%AF", many.toString()}) {
            ApiException e = assertThrows(ApiException.class, () -> form(body), body);
            assertEquals(ErrorCode.INVALID_FIELD, e.code(), body);
            assertEquals(RequestBody.undecodableForm().getMessage(), e.getMessage(), body);
        }
    }
}
