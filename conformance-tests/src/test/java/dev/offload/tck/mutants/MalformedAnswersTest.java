package dev.offload.tck.mutants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;
import dev.offload.spec.OffloadServer;
import dev.offload.tck.Evidence;
import dev.offload.tck.Outcome;
import dev.offload.tck.Probe;
import dev.offload.tck.Result;
import dev.offload.tck.Scale;
import dev.offload.tck.ServerReport;
import dev.offload.tck.Target;
import dev.offload.tck.Tck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every check, fed malformed answers through the mutant proxy (observation endpoints of another shape, a stream
 * cut short, framing that is not HTTP), must say in words what it expected and what arrived: no verdict names an
 * exception or a Java class, and the checks that depend on the broken answer name it ("cannot judge: GET /outbox
 * is not a JSON array …"). Skipped with {@code -Dtck.mutants=false}.
 */
class MalformedAnswersTest {
    private static final Set<Behaviour> HTTP_CHECKS = Arrays.stream(Behaviour.values())
            .filter(b -> !b.name().startsWith("DRAIN_"))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Behaviour.class)));

    /** A malformation, and what the verdicts of the checks it breaks must contain. */
    record Malformed(String name, Mutation mutation, Map<Behaviour, String> mustSay) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void enabled() {
        assumeTrue(!"false".equals(System.getProperty("tck.mutants")), "mutants disabled (-Dtck.mutants=false)");
    }

    static List<Malformed> all() {
        List<Malformed> l = new ArrayList<>();
        l.add(new Malformed("GET /outbox is a JSON object", rewriteJson("/outbox", node -> {
            ObjectNode o = Probe.MAPPER.createObjectNode();
            o.set("emails", node);
            return o;
        }), Map.of(Behaviour.BG_1, "GET /outbox is not a JSON array",
                Behaviour.BG_2, "GET /outbox is not a JSON array")));
        l.add(new Malformed("GET /stats has other key names", rewriteJson("/stats", node -> {
            ObjectNode o = Probe.MAPPER.createObjectNode();
            node.properties().forEach(e -> o.set(e.getKey() + "Count", e.getValue()));
            return o;
        }), Map.of(Behaviour.LEAK_1, "GET /stats is not {\"server\",\"active\"",
                Behaviour.FAN_2, "GET /stats is not")));
        l.add(new Malformed("GET /data has another shape", rewriteJson("/data", node -> {
            ObjectNode o = Probe.MAPPER.createObjectNode();
            o.set("profile", node.path("user"));
            o.set("items", node.path("orders"));
            return o;
        }), Map.of(Behaviour.FAN_1, "expected 200 {\"user\":{\"id\",\"name\"},\"orders\":[…]}")));
        l.add(new Malformed("GET /tasks/{id} spells states in lower case", rewriteJson("/tasks/", node -> {
            if (node instanceof ObjectNode o && node.path("state").isTextual()) {
                o.put("state", node.path("state").asText().toLowerCase());
            }
            return node;
        }), Map.of(Behaviour.TIMEOUT_2, "state one of", Behaviour.COPY_1, "GET /tasks/")));
        l.add(new Malformed("a copy task's observed snapshot has other key names", rewriteJson("/tasks/", node -> {
            if (node.path("observed") instanceof ObjectNode obs && obs.has("userId")) {
                ObjectNode renamed = Probe.MAPPER.createObjectNode();
                obs.properties().forEach(e -> renamed.set("the_" + e.getKey(), e.getValue()));
                ((ObjectNode) node).set("observed", renamed);
            }
            return node;
        }), Map.of(Behaviour.COPY_1, "expected {\"path\",\"userId\",\"trace\"}")));
        l.add(new Malformed("GET /work streams one line, then the connection closes", new Mutation() {
            @Override
            public Message answer(Connection c, Message request) {
                if (!request.path().equals("/work")) {
                    return null;
                }
                Message m = Message.response(200, "OK");
                m.setHeader("Content-Type", "application/x-ndjson");
                m.setHeader("Transfer-Encoding", "chunked");
                m.setHeader("Connection", "close");
                m.bodyText("10\r\n{\"taskId\":\"77\"}\n\r\n"); // one chunk, then no last chunk
                return m;
            }
        }, Map.of(Behaviour.CANCEL_2, "closed")));
        l.add(new Malformed("POST /job answers a head that is not HTTP", new Mutation() {
            @Override
            public Message answer(Connection c, Message request) {
                if (!request.path().equals("/job")) {
                    return null;
                }
                Message m = Message.response(202, "Accepted");
                m.version = "HTP/1.1";
                m.setHeader("Connection", "close");
                return m;
            }
        }, Map.of(Behaviour.POOL_1, "status line", Behaviour.POOL_2, "status line")));
        l.add(new Malformed("GET /slow announces a Content-Length that is no number", new Mutation() {
            @Override
            public Message answer(Connection c, Message request) {
                if (!request.path().equals("/slow")) {
                    return null;
                }
                Message m = Message.response(200, "OK");
                m.setHeader("Content-Type", "application/json");
                m.setHeader("Content-Length", "lots");
                m.setHeader("Connection", "close");
                return m;
            }
        }, Map.of(Behaviour.TIMEOUT_3, "Content-Length")));
        return l;
    }

    @TestFactory
    Stream<DynamicTest> everyVerdictSaysWhatWasExpectedWithoutClassNames() {
        ExecutorService runs = Executors.newFixedThreadPool(3);
        Map<Malformed, Future<ServerReport>> reports = new LinkedHashMap<>();
        for (Malformed m : all()) {
            reports.put(m, runs.submit(() -> run(m)));
        }
        runs.shutdown();
        return reports.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(),
                () -> judge(e.getKey(), e.getValue().get())));
    }

    private static void judge(Malformed m, ServerReport report) {
        for (Result r : report.results()) {
            System.out.println("[malformed] " + m + ": " + Tck.line(report.server(), r));
            assertFalse(Evidence.namesAClass(r.figure()), r.behaviour().id() + " names a class: " + r.figure());
            assertFalse(r.figure().contains("\tat ") || r.figure().contains("Caused by"), r.figure());
        }
        m.mustSay().forEach((behaviour, words) -> {
            Result r = report.result(behaviour).orElseThrow();
            assertTrue(r.outcome() == Outcome.FAIL || r.outcome() == Outcome.ERROR, behaviour.id() + " "
                    + r.outcome() + ": " + r.figure());
            assertTrue(r.figure().contains(words), behaviour.id() + " should say '" + words + "': " + r.figure());
        });
        assertEquals(HTTP_CHECKS.size(), report.results().size());
    }

    private static ServerReport run(Malformed m) throws Exception {
        OffloadServer server = MutantsTest.baseServer();
        OffloadConfig config = MutantsTest.config();
        try (OffloadServer.RunningServer running = server.start(config);
             MutantProxy proxy = new MutantProxy(URI.create("http://127.0.0.1:" + running.port()), m.mutation())) {
            Target target = Target.of(server.name() + "+malformed", proxy.base(), config);
            return Tck.run(target, new Tck.Options(Scale.QUICK, HTTP_CHECKS, line -> {
            }, java.time.Duration.ofSeconds(3)));
        }
    }

    /** Rewrites the JSON body of successful GETs under {@code pathPrefix}. */
    private static Mutation rewriteJson(String pathPrefix, java.util.function.UnaryOperator<JsonNode> rewrite) {
        return new Mutation() {
            @Override
            public boolean buffers(Message request, Message response) {
                return request.method.equals("GET") && request.path().startsWith(pathPrefix) && response.status == 200;
            }

            @Override
            public void response(Connection c, Message request, Message response) {
                if (buffers(request, response) && response.body != null) {
                    JsonNode node = Mutations.json(response);
                    if (node != null) {
                        response.bodyText(rewrite.apply(node).toString());
                    }
                }
            }
        };
    }
}
