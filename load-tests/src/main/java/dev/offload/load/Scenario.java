package dev.offload.load;

import dev.offload.load.simulations.CopySimulation;
import dev.offload.load.simulations.DrainSimulation;
import dev.offload.load.simulations.EmailSimulation;
import dev.offload.load.simulations.FanOutSimulation;
import dev.offload.load.simulations.PlaintextSimulation;
import dev.offload.load.simulations.PoolOverloadSimulation;
import dev.offload.load.simulations.TimeoutSimulation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios, each a Gatling simulation plus the server settings it needs. Rates are the same for both servers
 * and for both profiles (only the durations change), so figures compare across servers and profiles. The settings
 * that size the pool are chosen so its capacity ({@code workers / jobMs}) is known: POOL runs at ten times it,
 * DRAIN at one and a half times it, so a backlog is queued when SIGTERM arrives.
 */
enum Scenario {
    PLAINTEXT("GET /plaintext: the reference every pattern is compared with", PlaintextSimulation.class, 1000,
            List.of(PlaintextSimulation.REQUEST)),
    COPY("GET /copy: copy the request's values, observe them in a background task", CopySimulation.class, 1000,
            List.of(CopySimulation.REQUEST)),
    BG("POST /send-email: 202 at once, the send runs in the background", EmailSimulation.class, 1000,
            List.of(EmailSimulation.REQUEST)),
    POOL("POST /job at 10x the bounded pool's capacity: 202 or 503 QUEUE_FULL, then every accepted job verified",
            PoolOverloadSimulation.class, 10 * Pool.CAPACITY, List.of(PoolOverloadSimulation.SUBMIT)),
    FAN("GET /data: two upstream calls in parallel, compared with the slower one", FanOutSimulation.class, 200,
            List.of(FanOutSimulation.REQUEST)),
    TIMEOUT("GET /slow: half in time (200), half over the deadline (408 at the deadline)", TimeoutSimulation.class,
            100, List.of(TimeoutSimulation.OVER, TimeoutSimulation.IN_TIME)),
    DRAIN("POST /job at 1.5x the pool's capacity, SIGTERM mid-run: every accepted job completed in the drained line",
            DrainSimulation.class, 3 * Drain.CAPACITY / 2, List.of(DrainSimulation.SUBMIT));

    /** POOL's pool: 4 workers, 50 ms jobs, 80 jobs/s; a queue of 50 fills in well under a second at 10x. */
    static final class Pool {
        static final int WORKERS = 4;
        static final int JOB_MS = 50;
        static final int QUEUE = 50;
        static final int CAPACITY = WORKERS * 1000 / JOB_MS;
    }

    /** DRAIN's pool: 4 workers, 100 ms jobs, 40 jobs/s; a queue that never fills, so every job is accepted. */
    static final class Drain {
        static final int WORKERS = 4;
        static final int JOB_MS = 100;
        static final int QUEUE = 10_000;
        static final int CAPACITY = WORKERS * 1000 / JOB_MS;
    }

    /** TIMEOUT's deadline; in-time work asks for a quarter of it, late work for twice it. */
    static final int SLOW_DEADLINE_MS = 1000;
    /** FAN's children; the slower one bounds the response time from below. */
    static final int USER_DELAY_MS = 100;
    static final int ORDERS_DELAY_MS = 150;

    final String title;
    final Class<?> simulation;
    final int defaultRate;
    /** The load requests of the measured phase; the first is the headline, all count for CPU per request. */
    final List<String> requests;

    Scenario(String title, Class<?> simulation, int defaultRate, List<String> requests) {
        this.title = title;
        this.simulation = simulation;
        this.defaultRate = defaultRate;
        this.requests = requests;
    }

    /** Settings given to the server on top of {@code --host=127.0.0.1 --port=0}. */
    Map<String, String> serverConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        switch (this) {
            case POOL -> {
                c.put("workers", Integer.toString(Pool.WORKERS));
                c.put("queueCapacity", Integer.toString(Pool.QUEUE));
            }
            case DRAIN -> {
                c.put("workers", Integer.toString(Drain.WORKERS));
                c.put("queueCapacity", Integer.toString(Drain.QUEUE));
                c.put("drainTimeout", "30s");
            }
            case TIMEOUT -> c.put("slowDeadline", SLOW_DEADLINE_MS + "ms");
            case FAN -> {
                c.put("userDelay", USER_DELAY_MS + "ms");
                c.put("ordersDelay", ORDERS_DELAY_MS + "ms");
            }
            default -> {
            }
        }
        return c;
    }

    /** Simulation settings beyond base URL, rate and durations. */
    Map<String, String> simulationProperties(Profile profile) {
        Map<String, String> p = new LinkedHashMap<>();
        switch (this) {
            case POOL -> p.put("load.jobMs", Integer.toString(Pool.JOB_MS));
            case DRAIN -> {
                p.put("load.jobMs", Integer.toString(Drain.JOB_MS));
                p.put("load.sigtermAfterSeconds", Double.toString(profile.measureSeconds() / 2.0));
            }
            case TIMEOUT -> p.put("load.deadlineMs", Integer.toString(SLOW_DEADLINE_MS));
            default -> {
            }
        }
        return p;
    }

    /** Seconds a run takes beyond warm-up and measured phase (JVM starts, report, drain): for the progress line. */
    int extraSeconds() {
        return switch (this) {
            case POOL, DRAIN -> 20;
            default -> 12;
        };
    }
}
