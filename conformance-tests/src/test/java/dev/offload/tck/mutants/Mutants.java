package dev.offload.tck.mutants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;
import dev.offload.tck.Probe;
import dev.offload.tck.mutants.MutantProxy.Connection;
import dev.offload.tck.mutants.MutantProxy.Message;
import dev.offload.tck.mutants.MutantProxy.Mutation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One mutant per REQUIRED behaviour: a real bundled server behind a {@link MutantProxy} (or, for DRAIN, a process
 * {@link MutantServerMain}) that breaks exactly that behaviour and otherwise conforms. The mutant test runs the TCK
 * against each and expects FAIL for its behaviour, and nothing else failing beyond {@code collateral} (checks that
 * legitimately observe the same fault).
 */
public final class Mutants {
    private Mutants() {
    }

    /**
     * @param behaviour   the behaviour it breaks
     * @param bug         the bug it has, in words
     * @param collateral  other behaviours that may also fail because they observe the same fault
     * @param proxy       the proxy mutation, for HTTP mutants (null for process mutants)
     */
    public record Mutant(Behaviour behaviour, String bug, Set<Behaviour> collateral,
                         Function<OffloadConfig, Mutation> proxy) {
        public boolean isProcess() {
            return proxy == null;
        }

        @Override
        public String toString() {
            return behaviour.id() + ": " + bug;
        }
    }

    public static List<Mutant> all() {
        List<Mutant> m = new ArrayList<>();
        m.add(http(Behaviour.COPY_1, "the task observes the user_id of an earlier request (one in seven)",
                c -> new SwapUserId()));
        m.add(http(Behaviour.COPY_2, "a response carries the previous response's X-Trace (one in seven)",
                c -> new StaleTrace()));
        m.add(http(Behaviour.CANCEL_1, "keeps reading the stream after the client left, so the work runs on",
                c -> new Mutation() {
                    @Override
                    public boolean keepsUpstreamAfterClientLeft(Message request) {
                        return true;
                    }
                }));
        m.add(http(Behaviour.CANCEL_2, "loses the second progress line of every stream",
                c -> new Mutation() {
                    @Override
                    public byte[] chunk(Connection conn, Message request, byte[] data) {
                        return dropLines(data, "{\"progress\":2}");
                    }
                }));
        m.add(http(Behaviour.BG_1, "sends the e-mail before answering 202",
                c -> delay("POST", "/send-email", 202, c.emailDelay().toMillis() + 100)));
        m.add(http(Behaviour.BG_2, "repairs an e-mail body it cannot use into a valid one, and sends it",
                c -> new RepairEmail()));
        m.add(http(Behaviour.POOL_1, "refuses a full queue with 503 but without Retry-After",
                c -> new Mutation() {
                    @Override
                    public void response(Connection conn, Message request, Message response) {
                        if (request.path().equals("/job") && response.status == 503) {
                            response.removeHeader("Retry-After");
                        }
                    }
                }));
        m.add(http(Behaviour.POOL_2, "derives job ids from a 10 ms clock: concurrent submits in the same tick share an id",
                c -> new ClockIds()));
        m.add(http(Behaviour.POOL_3, "a refusal evicts the job accepted just before it: that job is lost",
                c -> new EvictOnRefusal()));
        m.add(http(Behaviour.ERR_1, "swallows a job's exception: the job reads SUCCEEDED",
                c -> new SwallowFailure()));
        m.add(http(Behaviour.FAN_1, "awaits the children one after the other",
                c -> delayWhen(r -> r.method.equals("GET") && r.target.equals("/data"), 200,
                        c.userDelay().toMillis())));
        m.add(http(Behaviour.FAN_2, "waits for the sibling before reporting the failed child",
                c -> delayWhen(r -> r.method.equals("GET") && r.path().equals("/data"), 500,
                        c.ordersDelay().toMillis())));
        m.add(http(Behaviour.TIMEOUT_1, "turns the work's failure into a 200",
                c -> new FailureAsSuccess()));
        m.add(http(Behaviour.TIMEOUT_2, "answers the 408 a second late",
                c -> delay("GET", "/slow", 408, 1_000)));
        m.add(http(Behaviour.TIMEOUT_3, "puts the timed-out task's X-Task-Id on the next response of the connection",
                c -> new LeakTimedOutTask()));
        m.add(process(Behaviour.DRAIN_1, "keeps serving, and accepting work, for 1.5 s after SIGTERM",
                Behaviour.DRAIN_3));
        m.add(process(Behaviour.DRAIN_2, "stops abruptly: in-flight requests are cut"));
        m.add(process(Behaviour.DRAIN_3, "reports abandoned work as if none were abandoned"));
        m.add(http(Behaviour.LEAK_1, "after a timeout, every /work stream leaves an orphaned 60 s /work running behind it",
                c -> new OrphanWork(), Behaviour.HTTP_1));
        m.add(http(Behaviour.HTTP_1, "answers 405 without Allow",
                c -> new Mutation() {
                    @Override
                    public void response(Connection conn, Message request, Message response) {
                        if (response.status == 405) {
                            response.removeHeader("Allow");
                        }
                    }
                }));
        return List.copyOf(m);
    }

    /** A passthrough proxy: the control that shows the proxy itself changes nothing. */
    public static Mutation identity() {
        return new Mutation() {
        };
    }

    private static Mutant http(Behaviour b, String bug, Function<OffloadConfig, Mutation> proxy,
                               Behaviour... collateral) {
        return new Mutant(b, bug, collateral.length == 0 ? EnumSet.noneOf(Behaviour.class)
                : EnumSet.copyOf(List.of(collateral)), proxy);
    }

    private static Mutant process(Behaviour b, String bug, Behaviour... collateral) {
        return new Mutant(b, bug, collateral.length == 0 ? EnumSet.noneOf(Behaviour.class)
                : EnumSet.copyOf(List.of(collateral)), null);
    }

    private static Mutation delay(String method, String path, int status, long ms) {
        return delayWhen(r -> r.method.equals(method) && r.path().equals(path), status, ms);
    }

    private static Mutation delayWhen(java.util.function.Predicate<Message> which, int status, long ms) {
        return new Mutation() {
            @Override
            public long delayMillis(Message request, Message response) {
                return which.test(request) && response.status == status ? ms : 0;
            }
        };
    }

    static byte[] dropLines(byte[] data, String line) {
        String text = new String(data, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        for (String l : text.split("(?<=\n)")) {
            if (!l.trim().equals(line)) {
                kept.append(l);
            }
        }
        return kept.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(Message m) {
        try {
            return Probe.MAPPER.readTree(m.body);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the stateful mutations -------------------------------------------------------------------------------

    /** COPY-1: rewrites user_id of every 7th /copy to the previous request's, so the task sees someone else's. */
    static final class SwapUserId implements Mutation {
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicReference<String> previous = new AtomicReference<>();

        @Override
        public void request(Connection c, Message r) {
            if (!r.path().equals("/copy")) {
                return;
            }
            String query = r.query();
            String own = query.startsWith("user_id=") ? query.substring("user_id=".length()) : null;
            String earlier = previous.getAndSet(own);
            if (own != null && earlier != null && count.incrementAndGet() % 7 == 0) {
                r.target = "/copy?user_id=" + earlier;
            }
        }
    }

    /** COPY-2: every 7th /copy response gets the previous /copy response's X-Trace. */
    static final class StaleTrace implements Mutation {
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicReference<String> previous = new AtomicReference<>();

        @Override
        public void response(Connection c, Message request, Message response) {
            if (!request.path().equals("/copy")) {
                return;
            }
            String own = response.header("X-Trace");
            String earlier = previous.getAndSet(own);
            if (own != null && earlier != null && count.incrementAndGet() % 7 == 0) {
                response.setHeader("X-Trace", earlier);
            }
        }
    }

    /** BG-2: a /send-email body that is not a usable e-mail is replaced by one that is. */
    static final class RepairEmail implements Mutation {
        @Override
        public void request(Connection c, Message r) {
            if (!r.method.equals("POST") || !r.path().equals("/send-email")) {
                return;
            }
            JsonNode node = json(r);
            boolean usable = node != null && node.isObject() && node.path("to").isTextual()
                    && node.path("to").asText().contains("@") && !r.bodyText().isBlank()
                    && "application/json".equals(r.header("Content-Type"));
            if (!usable) {
                r.setHeader("Content-Type", "application/json");
                r.bodyText("{\"to\":\"repaired@example.com\",\"subject\":\"repaired\",\"body\":\"\"}");
            }
        }
    }

    /**
     * POOL-2: job ids from a coarse clock: concurrent submits answered within the same 10 ms tick get the tick's
     * first id (a lone submit never collides, as with the guide's UnixNano ids on a quiet server).
     */
    static final class ClockIds implements Mutation {
        private final AtomicInteger inFlight = new AtomicInteger();
        private long tick = -1;
        private String tickId;

        @Override
        public void request(Connection c, Message request) {
            if (isSubmit(request)) {
                inFlight.incrementAndGet();
            }
        }

        @Override
        public boolean buffers(Message request, Message response) {
            return isSubmit(request) && response.status == 202;
        }

        @Override
        public void response(Connection c, Message request, Message response) {
            if (!isSubmit(request)) {
                return;
            }
            boolean concurrent = inFlight.getAndDecrement() > 1;
            JsonNode node = response.body == null ? null : json(response);
            if (node == null || !node.has("jobId")) {
                return;
            }
            long now = System.nanoTime() / 10_000_000;
            synchronized (this) {
                if (concurrent && now == tick && tickId != null) {
                    ((ObjectNode) node).put("jobId", tickId);
                    response.bodyText(node.toString());
                } else {
                    tick = now;
                    tickId = node.path("jobId").asText();
                }
            }
        }

        private static boolean isSubmit(Message r) {
            return r.method.equals("POST") && r.path().equals("/job");
        }
    }

    /** POOL-3: each QUEUE_FULL refusal loses the job accepted last: it is no longer found. */
    static final class EvictOnRefusal implements Mutation {
        private final AtomicReference<String> lastAccepted = new AtomicReference<>();
        private final Set<String> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Message answer(Connection c, Message r) {
            String p = r.path();
            String id = p.startsWith("/job/") ? p.substring(5) : p.startsWith("/tasks/") ? p.substring(7) : null;
            if (id == null || !lost.contains(id)) {
                return null;
            }
            Message m = new Message();
            m.version = "HTTP/1.1";
            m.status = 404;
            m.reason = "Not Found";
            m.setHeader("Content-Type", "application/json");
            m.bodyText("{\"error\":\"no task " + id + "\",\"code\":\"TASK_NOT_FOUND\"}");
            return m;
        }

        @Override
        public boolean buffers(Message request, Message response) {
            return request.path().equals("/job") && response.status == 202;
        }

        @Override
        public void response(Connection c, Message request, Message response) {
            if (!request.method.equals("POST") || !request.path().equals("/job")) {
                return;
            }
            if (response.status == 202 && response.body != null) {
                JsonNode node = json(response);
                if (node != null) {
                    lastAccepted.set(node.path("jobId").asText());
                }
            } else if (response.status == 503 && lastAccepted.get() != null) {
                lost.add(lastAccepted.get());
            }
        }
    }

    /** ERR-1: GET /job/{id} of a FAILED job reads SUCCEEDED without error. */
    static final class SwallowFailure implements Mutation {
        @Override
        public boolean buffers(Message request, Message response) {
            return request.path().startsWith("/job/") && response.status == 200;
        }

        @Override
        public void response(Connection c, Message request, Message response) {
            JsonNode node = response.body == null ? null : json(response);
            if (node instanceof ObjectNode o && "FAILED".equals(o.path("state").asText())) {
                o.put("state", "SUCCEEDED");
                o.putNull("error");
                response.bodyText(o.toString());
            }
        }
    }

    /** TIMEOUT-1: a 500 from /slow becomes a 200 with a result. */
    static final class FailureAsSuccess implements Mutation {
        @Override
        public boolean buffers(Message request, Message response) {
            return request.path().equals("/slow") && response.status == 500;
        }

        @Override
        public void response(Connection c, Message request, Message response) {
            if (request.path().equals("/slow") && response.status == 500) {
                response.status = 200;
                response.reason = "OK";
                String id = response.header("X-Task-Id");
                response.bodyText("{\"result\":\"done\",\"taskId\":\"" + id + "\"}");
            }
        }
    }

    /** TIMEOUT-3: the next response after a 408 on a connection carries the timed-out task's id. */
    static final class LeakTimedOutTask implements Mutation {
        @Override
        public void response(Connection c, Message request, Message response) {
            String stale = c.state.remove("timedOut");
            if (stale != null) {
                response.headers.add(new String[] {"X-Task-Id", stale});
            }
            if (response.status == 408 && response.header("X-Task-Id") != null) {
                c.state.put("timedOut", response.header("X-Task-Id"));
            }
        }
    }

    /** LEAK-1: once a /slow timed out, every /work stream the client abandons leaves a hidden 60 s /work behind. */
    static final class OrphanWork implements Mutation {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final List<Socket> orphans = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void response(Connection c, Message request, Message response) {
            if (request.path().equals("/slow") && response.status == 408) {
                armed.set(true);
            }
        }

        @Override
        public byte[] chunk(Connection c, Message request, byte[] data) {
            if (armed.get() && request.path().equals("/work") && c.state.putIfAbsent("orphaned", "yes") == null) {
                try {
                    Socket s = c.openUpstream();
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /work?ms=60000 HTTP/1.1\r\nHost: " + c.upstreamAuthority() + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    orphans.add(s); // never read, never closed: the server sees a client that is still there
                } catch (IOException ignored) {
                    // the mutant only gets less leaky
                }
            }
            return data;
        }
    }
}
