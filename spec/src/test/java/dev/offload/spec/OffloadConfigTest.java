package dev.offload.spec;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffloadConfigTest {
    @Test
    void defaultsAreTheSpecs() {
        OffloadConfig c = OffloadConfig.defaults();
        assertEquals("127.0.0.1", c.host());
        assertEquals(3000, c.port());
        assertEquals(5, c.workers());
        assertEquals(100, c.queueCapacity());
        assertEquals(Duration.ofSeconds(2), c.emailDelay());
        assertEquals(Duration.ofMillis(50), c.copyObserveDelay());
        assertEquals(Duration.ofMillis(50), c.heartbeat());
        assertEquals(Duration.ofMillis(100), c.userDelay());
        assertEquals(Duration.ofMillis(150), c.ordersDelay());
        assertEquals(Duration.ofSeconds(3), c.slowDeadline());
        assertEquals(Duration.ofSeconds(30), c.drainTimeout());
        assertEquals(65536, c.maxBodyBytes());
        assertEquals(0, c.maxConcurrentRequests());
        assertTrue(c.watchDisconnect());
        assertEquals(OffloadConfig.KEYS, List.copyOf(c.asMap().keySet()));
    }

    @Test
    void argumentsWinOverPropertiesWhichWinOverEnvironment() {
        OffloadConfig c = OffloadConfig.parse(List.of("--workers=7"),
                Map.of("offload.workers", "8", "offload.queueCapacity", "9", "user.home", "/ignored"),
                Map.of("OFFLOAD_WORKERS", "10", "OFFLOAD_QUEUE_CAPACITY", "11", "OFFLOAD_SLOW_DEADLINE", "PT0.3S",
                        "PATH", "/ignored"));
        assertEquals(7, c.workers());
        assertEquals(9, c.queueCapacity());
        assertEquals(Duration.ofMillis(300), c.slowDeadline());
    }

    @Test
    void durationsAndSizesInEveryDocumentedForm() {
        OffloadConfig c = OffloadConfig.defaults().with("emailDelay", "300ms").with("drainTimeout", "1m")
                .with("slowDeadline", "2s").with("maxBodyBytes", "64KiB").with("maxConcurrentRequests", "4");
        assertEquals(Duration.ofMillis(300), c.emailDelay());
        assertEquals(Duration.ofMinutes(1), c.drainTimeout());
        assertEquals(Duration.ofSeconds(2), c.slowDeadline());
        assertEquals(65536, c.maxBodyBytes());
        assertTrue(c.limitsConcurrentRequests());
    }

    @Test
    void theDisconnectWatchCanBeTurnedOff() {
        assertTrue(!OffloadConfig.defaults().with("watchDisconnect", "off").watchDisconnect());
        assertTrue(OffloadConfig.defaults().with("watchDisconnect", "true").watchDisconnect());
        assertEquals("off", OffloadConfig.defaults().with("watchDisconnect", "false").asMap().get("watchDisconnect"));
    }

    @Test
    void toArgsRoundTrips() {
        OffloadConfig c = OffloadConfig.defaults().with("port", "0").with("heartbeat", "20ms");
        assertEquals(c, OffloadConfig.parse(c.toArgs(), Map.of(), Map.of()));
    }

    @Test
    void badOrUnknownSettingsNameTheKeyInOneLine() {
        assertMessage("unknown key 'wokers'", List.of("--wokers=5"), Map.of());
        assertMessage("workers: 'five' is not an integer", List.of("--workers=five"), Map.of());
        assertMessage("emailDelay: '2 seconds' is not a duration", List.of("--emailDelay=2 seconds"), Map.of());
        assertMessage("port: '70000' is out of range", List.of("--port=70000"), Map.of());
        assertMessage("watchDisconnect: 'sometimes' is not on or off", List.of("--watchDisconnect=sometimes"), Map.of());
        assertMessage("heartbeat: must be greater than 0", List.of("--heartbeat=0ms"), Map.of());
        assertMessage("is not of the form --key=value", List.of("workers=5"), Map.of());
        assertMessage("environment variable OFFLOAD_COLOUR: unknown key 'colour'", List.of(),
                Map.of("OFFLOAD_COLOUR", "red"));
    }

    private static void assertMessage(String expected, List<String> args, Map<String, String> env) {
        OffloadConfig.ConfigException e = assertThrows(OffloadConfig.ConfigException.class,
                () -> OffloadConfig.parse(args, Map.of(), env));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
