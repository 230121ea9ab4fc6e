package dev.offload.tck.mutants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offload.tck.Probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The mutations of {@link Mutants} that keep state across requests, one class per bug. */
final class Mutations {
    private Mutations() {
    }

    static JsonNode json(Message m) {
        try {
            return Probe.MAPPER.readTree(m.body);
        } catch (IOException e) {
            return null;
        }
    }

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
