package dev.offload.tck.servers;

import dev.offload.tck.RawResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

import static dev.offload.tck.servers.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both servers give the same reply to the same request: status, the spec's headers and byte-identical bodies
 * ({@link Exchange#spec}), for a sample of every endpoint's success and error replies. The kit decides every reply
 * and each server only copies it onto its response, so a difference here is a server writing something of its own
 * (a header it adds or drops, a message of its framework, a body re-encoded): look at that server's reply writer or
 * error handler for the request named in the failure. Both servers start fresh with the same settings and get every
 * request in the same order, one at a time, so the ids and counters match too. The order of the tests is fixed
 * because {@code /stats}, last, counts everything before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SameRepliesTest {
    private static Servers servers;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Servers.discovered().size() >= 2, "needs two servers to compare: " + Servers.discovered());
        // one worker and one queue slot: the third job in a row is a deterministic 503 QUEUE_FULL
        servers = Servers.start(Servers.config().with("workers", "1").with("queueCapacity", "1"));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void plaintextAndCopy() throws Exception {
        same(200, Exchange.get("/plaintext"));
        String copy = taskId(same(200, Exchange.get("/copy?user_id=u-1", "X-Trace: trace-1")));
        same(200, Exchange.get("/copy"));
        settle("/tasks/" + copy, "SUCCEEDED");
        same(200, Exchange.get("/tasks/" + copy));
    }

    @Test
    @Order(2)
    void work() throws Exception {
        long fourBeats = 4 * servers.clients().getFirst().config().heartbeat().toMillis();
        String streamed = taskId(same(200, Exchange.get("/work?ms=" + fourBeats)));
        String whole = taskId(same(200, Exchange.get("/work?ms=60&stream=false")));
        same(400, Exchange.get("/work?ms=abc"));
        same(400, Exchange.get("/work?ms=60001"));
        same(400, Exchange.get("/work?ms=10&stream=maybe"));
        settle("/tasks/" + streamed, "SUCCEEDED");
        settle("/tasks/" + whole, "SUCCEEDED");
        same(200, Exchange.get("/tasks/" + streamed));
    }

    @Test
    @Order(3)
    void sendEmailAndOutbox() throws Exception {
        String email = taskId(same(202, Exchange.post("/send-email", "application/json",
                "{\"to\":\"ada@example.com\",\"subject\":\"hi\",\"body\":\"x\"}")));
        same(400, Exchange.post("/send-email", "application/json", ""));
        same(400, Exchange.post("/send-email", "application/json", "{\"to\":"));
        same(400, Exchange.post("/send-email", "application/json", "[]"));
        same(400, Exchange.post("/send-email", "application/json", "{\"to\":\"not an address\"}"));
        same(415, Exchange.post("/send-email", "text/plain", "{\"to\":\"a@b.c\"}"));
        same(413, Exchange.post("/send-email", "application/json",
                "{\"to\":\"a@b.c\",\"body\":\"" + "x".repeat(2 * Servers.MAX_BODY_BYTES) + "\"}"));
        settle("/tasks/" + email, "SUCCEEDED");
        same(200, Exchange.get("/outbox"));
    }

    @Test
    @Order(4)
    void jobs() throws Exception {
        String ok = taskId(same(202, Exchange.post("/job", "application/x-www-form-urlencoded", "data=x&ms=10")));
        settle("/job/" + ok, "SUCCEEDED");
        same(200, Exchange.get("/job/" + ok));
        String failing = taskId(same(202, Exchange.post("/job", "application/x-www-form-urlencoded",
                "data=fail&ms=0")));
        settle("/job/" + failing, "FAILED");
        same(200, Exchange.get("/job/" + failing));
        same(400, Exchange.post("/job", "application/x-www-form-urlencoded", "ms=10"));
        same(400, Exchange.post("/job", "application/x-www-form-urlencoded", "data=x&ms=-1"));
        same(400, Exchange.post("/job", "application/x-www-form-urlencoded", "data=%zz"));
        same(415, Exchange.post("/job", "application/json", "{}"));
        same(404, Exchange.get("/job/999999"));
        // one worker busy, one job queued: the third is refused at once
        String running = taskId(same(202, Exchange.post("/job", "application/x-www-form-urlencoded",
                "data=a&ms=600")));
        String queued = taskId(same(202, Exchange.post("/job", "application/x-www-form-urlencoded",
                "data=b&ms=600")));
        same(503, Exchange.post("/job", "application/x-www-form-urlencoded", "data=c&ms=600"));
        settle("/job/" + running, "SUCCEEDED");
        settle("/job/" + queued, "SUCCEEDED");
    }

    @Test
    @Order(5)
    void data() throws Exception {
        same(200, Exchange.get("/data"));
        same(500, Exchange.get("/data?fail=orders"));
        same(500, Exchange.get("/data?fail=user"));
        same(400, Exchange.get("/data?fail=nobody"));
    }

    @Test
    @Order(6)
    void slow() throws Exception {
        same(200, Exchange.get("/slow?ms=10"));
        same(500, Exchange.get("/slow?ms=10&fail=true"));
        long late = servers.clients().getFirst().config().slowDeadline().toMillis() * 10;
        String timedOut = taskId(same(408, Exchange.get("/slow?ms=" + late)));
        same(400, Exchange.get("/slow?ms=-1"));
        settle("/tasks/" + timedOut, "TIMED_OUT");
        same(200, Exchange.get("/tasks/" + timedOut));
    }

    @Test
    @Order(7)
    void routing() throws Exception {
        same(404, Exchange.get("/tasks/nope"));
        same(404, Exchange.get("/tasks/999999"));
        same(404, Exchange.get("/no-such-path"));
        same(404, Exchange.of("PUT", "/no-such-path"));
        same(404, Exchange.get("/copy/"));
        same(404, Exchange.get("/job/1/2"));
        same(405, Exchange.of("DELETE", "/copy"));
        same(405, Exchange.of("POST", "/stats"));
        same(405, Exchange.of("POST", "/tasks/1"));
        same(405, Exchange.of("DELETE", "/job/7"));
        same(405, Exchange.get("/job"));
        same(405, Exchange.get("/send-email"));
    }

    /** Last: once every task of the tests before has ended, both servers count the same. */
    @Test
    @Order(8)
    void stats() throws Exception {
        for (Client server : servers.clients()) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (json(server.get("/stats")).path("active").asLong() > 0) {
                assertTrue(System.nanoTime() < deadline, server + ": tasks still active after 10 s");
                Thread.sleep(20);
            }
        }
        same(200, Exchange.get("/stats"));
    }

    /**
     * Sends {@code exchange} to every server in turn and asserts the first one answered {@code status} and every
     * other one the same reply ({@link Exchange#spec}); returns the first server's reply.
     */
    static RawResponse same(int status, Exchange exchange) throws Exception {
        return same(servers.clients(), status, exchange);
    }

    static RawResponse same(List<Client> clients, int status, Exchange exchange) throws Exception {
        List<RawResponse> replies = new ArrayList<>();
        for (Client server : clients) {
            replies.add(exchange.sendTo(server.base()));
        }
        assertSame(clients, status, exchange, replies);
        return replies.getFirst();
    }

    static void assertSame(List<Client> clients, int status, Exchange exchange, List<RawResponse> replies) {
        String first = Exchange.spec(replies.getFirst());
        assertEquals(status, replies.getFirst().status(), clients.getFirst() + ", " + exchange + ":\n" + first);
        for (int i = 1; i < replies.size(); i++) {
            assertEquals(first, Exchange.spec(replies.get(i)), exchange + ": " + clients.getFirst() + " (expected) and "
                    + clients.get(i) + " (actual) differ");
        }
    }

    private static String taskId(RawResponse reply) {
        return reply.header("X-Task-Id").orElseThrow(() -> new AssertionError("no X-Task-Id: " + reply));
    }

    private static void settle(String path, String state) throws Exception {
        for (Client server : servers.clients()) {
            server.awaitState(path, state);
        }
    }
}
