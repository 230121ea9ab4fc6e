package dev.offload.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorCodeTest {
    /** Whatever status a server's HTTP layer produced, the JSON code it sends carries the same status. */
    @Test
    void aServerStatusMapsToACodeWithThatStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.status(), ErrorCode.ofServerStatus(code.status(), ErrorCode.OVERLOADED).status(),
                    code.name());
        }
        assertEquals(ErrorCode.BAD_REQUEST, ErrorCode.ofServerStatus(400, ErrorCode.OVERLOADED));
        assertEquals(ErrorCode.BAD_REQUEST, ErrorCode.ofServerStatus(411, ErrorCode.OVERLOADED));
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorCode.ofServerStatus(502, ErrorCode.OVERLOADED));
        // RFC 9112 section 6.1 and an unserved version: specific codes, never INTERNAL_ERROR
        assertEquals(ErrorCode.UNSUPPORTED_TRANSFER_CODING, ErrorCode.ofServerStatus(501, ErrorCode.OVERLOADED));
        assertEquals(ErrorCode.HTTP_VERSION_NOT_SUPPORTED, ErrorCode.ofServerStatus(505, ErrorCode.OVERLOADED));
        assertEquals(ErrorCode.SHUTTING_DOWN, ErrorCode.ofServerStatus(503, ErrorCode.SHUTTING_DOWN));
    }
}
