package dev.offload.jetty;

import dev.offload.spec.OffloadConfig;

/** Fast timings for module tests, on an ephemeral port. */
final class TestConfig {
    static final int MAX_BODY = 4096;

    private TestConfig() {
    }

    static OffloadConfig fast() {
        return OffloadConfig.defaults()
                .with("port", "0")
                .with("emailDelay", "100ms")
                .with("copyObserveDelay", "10ms")
                .with("heartbeat", "20ms")
                .with("slowDeadline", "300ms")
                .with("drainTimeout", "5s")
                .with("maxBodyBytes", Integer.toString(MAX_BODY));
    }
}
