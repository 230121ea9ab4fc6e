package dev.offload.spec.kit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reading side of the process protocol, fed the lines a server prints. */
class ProcessOutputTest {

    @Test
    void findsThePortAndTheDrainedLineAmongLogLines() throws Exception {
        ProcessOutput out = new ProcessOutput();
        List<String> seen = new ArrayList<>();
        out.read(stream("""
                INFO starting
                {"event":"started","server":"jetty","host":"127.0.0.1","port":41234}
                INFO serving
                {"event":"drained","completed":10,"abandoned":["7"]}
                """), seen::add);
        assertEquals(41234, out.started().get().port());
        assertEquals("jetty", out.started().get().server());
        assertEquals(10, out.drained().get().orElseThrow().path("completed").asInt());
        assertTrue(out.drainedAsLastLine().isPresent(), "drained is the last line");
        assertEquals(4, seen.size(), "every line also goes to the caller");
    }

    @Test
    void aDrainedLineFollowedByMoreOutputIsNotLastAndNoStartedLineFailsTheFuture() {
        ProcessOutput out = new ProcessOutput();
        out.read(stream("""
                {"event":"drained","completed":1,"abandoned":[]}
                bye
                """), line -> { });
        assertFalse(out.drainedAsLastLine().isPresent());
        assertEquals("bye", out.lastLine().orElseThrow());
        assertThrows(ExecutionException.class, () -> out.started().get());
    }

    @Test
    void onlyJsonObjectsWithAnEventAreEvents() {
        assertTrue(ProcessOutput.event("{\"event\":\"started\",\"port\":1}").isPresent());
        assertFalse(ProcessOutput.event("{\"event\": 3}").isPresent());
        assertFalse(ProcessOutput.event("event started").isPresent());
        assertFalse(ProcessOutput.event("{\"event\":\"started\"").isPresent(), "truncated JSON");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
