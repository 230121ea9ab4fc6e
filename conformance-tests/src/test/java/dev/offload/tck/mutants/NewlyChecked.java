package dev.offload.tck.mutants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offload.spec.Behaviour;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mutants for the SPEC.md statements the TCK checks since the spec and the checks were made to agree (issue 14):
 * each breaks one statement that a deviant server got away with before, named by its tag or ID.
 */
final class NewlyChecked {
    private NewlyChecked() {
    }

    static List<Mutants.Mutant> all() {
        List<Mutants.Mutant> m = new ArrayList<>();
        m.add(mutant(Behaviour.TIMEOUT_1, "the 500 of a failing /slow carries no X-Task-Id (CONV-2)", new Mutation() {
            @Override
            public void response(Connection c, Message request, Message response) {
                if (request.path().equals("/slow") && response.status == 500) {
                    response.removeHeader("X-Task-Id");
                }
            }
        }));
        m.add(mutant(Behaviour.BG_1, "the 202 of /send-email carries no X-Task-Id (CONV-2)", new Mutation() {
            @Override
            public void response(Connection c, Message request, Message response) {
                if (request.path().equals("/send-email") && response.status == 202) {
                    response.removeHeader("X-Task-Id");
                }
            }
        }));
        m.add(mutant(Behaviour.TIMEOUT_1, "/slow without ms works 10 ms instead of the default 1000 (CONV-3)",
                new Mutation() {
                    @Override
                    public void request(Connection c, Message request) {
                        if (request.path().equals("/slow") && !("&" + request.query()).contains("&ms=")) {
                            request.target = "/slow?ms=10" + (request.query().isEmpty() ? "" : "&" + request.query());
                        }
                    }
                }));
        m.add(mutant(Behaviour.HTTP_1, "/plaintext is served as text/html (OBS-4)", new Mutation() {
            @Override
            public void response(Connection c, Message request, Message response) {
                if (request.path().equals("/plaintext") && response.status == 200) {
                    response.setHeader("Content-Type", "text/html");
                }
            }
        }));
        m.add(mutant(Behaviour.HTTP_1, "the HTTP layer answers an oversized target or header with an HTML page (CONV-1)",
                new Mutation() {
                    @Override
                    public boolean buffers(Message request, Message response) {
                        return refusedByHttpLayer(request, response);
                    }

                    @Override
                    public void response(Connection c, Message request, Message response) {
                        if (refusedByHttpLayer(request, response)) {
                            response.setHeader("Content-Type", "text/html");
                            response.bodyText("<html><body><h1>" + response.status + "</h1></body></html>");
                        }
                    }
                }));
        m.add(mutant(Behaviour.BG_2, "accepts JSON nested 33 deep (the limit is 32)", new Mutation() {
            @Override
            public void request(Connection c, Message r) {
                if (r.path().equals("/send-email") && depth(r.bodyText()) == 33) {
                    r.bodyText("{\"to\":\"deep@example.com\",\"subject\":\"33 deep\",\"body\":\"\"}");
                }
            }
        }));
        m.add(mutant(Behaviour.FAN_2, "reports the failed user fetch only after its full delay", c -> new Mutation() {
            @Override
            public long delayMillis(Message request, Message response) {
                return request.target.equals("/data?fail=user") && response.status == 500
                        ? c.userDelay().toMillis() / 2 + 40 : 0;
            }
        }));
        m.add(mutant(Behaviour.FAN_2, "leaves the user fetch running when the orders fetch fails",
                c -> new UncancelledSibling()));
        m.add(new Mutants.Mutant(Behaviour.POOL_2, "forgets a finished task once 500 newer jobs were accepted (CONV-5)",
                EnumSet.of(Behaviour.POOL_3), c -> new ShortRetention()));
        m.add(mutant(Behaviour.LIMIT_1, "refuses requests over the limit with QUEUE_FULL, not OVERLOADED",
                new Mutation() {
                    @Override
                    public boolean buffers(Message request, Message response) {
                        return response.status == 503;
                    }

                    @Override
                    public void response(Connection c, Message request, Message response) {
                        if (response.status == 503 && response.bodyText().contains("\"OVERLOADED\"")) {
                            response.bodyText(response.bodyText().replace("\"OVERLOADED\"", "\"QUEUE_FULL\""));
                        }
                    }
                }));
        return m;
    }

    private static Mutants.Mutant mutant(Behaviour b, String bug, Mutation mutation) {
        return new Mutants.Mutant(b, bug, EnumSet.noneOf(Behaviour.class), c -> mutation);
    }

    private static Mutants.Mutant mutant(Behaviour b, String bug,
                                         java.util.function.Function<dev.offload.spec.OffloadConfig, Mutation> m) {
        return new Mutants.Mutant(b, bug, EnumSet.noneOf(Behaviour.class), m);
    }

    /** The HTTP layer's refusals of HTTP-1's oversized inputs (routes answer 200 or 405 on /plaintext). */
    private static boolean refusedByHttpLayer(Message request, Message response) {
        return response.status == 414 || response.status == 431
                || (request.path().equals("/plaintext") && response.status == 400);
    }

    /** Deepest nesting of objects and arrays in {@code json}, strings skipped. */
    static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                max = Math.max(max, ++depth);
            } else if (ch == '}' || ch == ']') {
                depth--;
            }
        }
        return max;
    }

    /** FAN-2: /stats hides the cancellation of the user fetch behind every failing orders fetch. */
    static final class UncancelledSibling implements Mutation {
        private final AtomicInteger hidden = new AtomicInteger();

        @Override
        public void request(Connection c, Message request) {
            if (request.target.equals("/data?fail=orders")) {
                hidden.incrementAndGet();
            }
        }

        @Override
        public boolean buffers(Message request, Message response) {
            return request.path().equals("/stats") && response.status == 200;
        }

        @Override
        public void response(Connection c, Message request, Message response) {
            if (!request.path().equals("/stats") || response.body == null || hidden.get() == 0) {
                return;
            }
            JsonNode node = Mutations.json(response);
            if (node instanceof ObjectNode stats) {
                int n = hidden.get();
                stats.put("cancelled", stats.path("cancelled").asLong() - n);
                stats.put("succeeded", stats.path("succeeded").asLong() + n);
                response.bodyText(stats.toString());
            }
        }
    }

    /** POOL-2 (CONV-5): a job's task is gone once 500 newer jobs were accepted. */
    static final class ShortRetention implements Mutation {
        private static final int KEPT = 500;
        private final Map<String, Integer> order = new ConcurrentHashMap<>();
        private final AtomicInteger accepted = new AtomicInteger();

        @Override
        public Message answer(Connection c, Message r) {
            String p = r.path();
            String id = p.startsWith("/job/") ? p.substring(5) : p.startsWith("/tasks/") ? p.substring(7) : null;
            Integer n = id == null ? null : order.get(id);
            if (n == null || n >= accepted.get() - KEPT) {
                return null;
            }
            Message m = Message.response(404, "Not Found");
            m.setHeader("Content-Type", "application/json");
            m.bodyText("{\"error\":\"no task " + id + "\",\"code\":\"TASK_NOT_FOUND\"}");
            return m;
        }

        @Override
        public boolean buffers(Message request, Message response) {
            return request.method.equals("POST") && request.path().equals("/job") && response.status == 202;
        }

        @Override
        public void response(Connection c, Message request, Message response) {
            if (buffers(request, response) && response.body != null) {
                JsonNode node = Mutations.json(response);
                if (node != null && node.hasNonNull("jobId")) {
                    order.put(node.path("jobId").asText(), accepted.getAndIncrement());
                }
            }
        }
    }
}
