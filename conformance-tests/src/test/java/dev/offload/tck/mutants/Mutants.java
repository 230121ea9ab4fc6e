package dev.offload.tck.mutants;

import dev.offload.spec.Behaviour;
import dev.offload.spec.OffloadConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One mutant per REQUIRED behaviour (and one per direction for CANCEL-3: blind to a departure, alarmed by a pipelined
 * request): a real bundled server behind a {@link MutantProxy} (or, for DRAIN, a process
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
     * @param processKey  for process mutants, the bug {@link MutantServerMain} plays ({@code -Dtck.mutant})
     */
    public record Mutant(Behaviour behaviour, String bug, Set<Behaviour> collateral,
                         Function<OffloadConfig, Mutation> proxy, String processKey) {
        public Mutant(Behaviour behaviour, String bug, Set<Behaviour> collateral,
                      Function<OffloadConfig, Mutation> proxy) {
            this(behaviour, bug, collateral, proxy, behaviour.name());
        }

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
                c -> new Mutations.SwapUserId()));
        m.add(http(Behaviour.COPY_2, "a response carries the previous response's X-Trace (one in seven)",
                c -> new Mutations.StaleTrace()));
        m.add(http(Behaviour.CANCEL_1, "keeps reading the stream after the client left, so the work runs on",
                c -> new Mutation() {
                    @Override
                    public boolean keepsUpstreamAfterClientLeft(Message request) {
                        return true;
                    }

                    @Override
                    public boolean relaysDeparture(Message request) {
                        return false;
                    }
                }));
        m.add(http(Behaviour.CANCEL_3, "never watches a waiting connection: a client that leaves is not noticed",
                c -> new Mutation() {
                    @Override
                    public boolean relaysDeparture(Message request) {
                        return false;
                    }
                }));
        m.add(http(Behaviour.CANCEL_3, "takes a pipelined next request for a departure and gives up the work",
                c -> new Mutation() {
                    @Override
                    public boolean cutsOnPipelined(Message request) {
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
                c -> new Mutations.RepairEmail(),
                // it also repairs the bodies the WIRE attacks send, so those requests are served
                Behaviour.WIRE_1, Behaviour.WIRE_2, Behaviour.WIRE_8));
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
                c -> new Mutations.ClockIds()));
        m.add(http(Behaviour.POOL_3, "a refusal evicts the job accepted just before it: that job is lost",
                // POOL-2's retention check sees the loss too, and POOL-1's whenever one of its submits is refused
                // on a busy machine (measured: a clean-clone run where POOL-1's accepted job 212 then answered 404)
                c -> new Mutations.EvictOnRefusal(), Behaviour.POOL_2, Behaviour.POOL_1));
        m.add(http(Behaviour.ERR_1, "swallows a job's exception: the job reads SUCCEEDED",
                c -> new Mutations.SwallowFailure()));
        m.add(http(Behaviour.FAN_1, "awaits the children one after the other",
                c -> delayWhen(r -> r.method.equals("GET") && r.target.equals("/data"), 200,
                        c.userDelay().toMillis())));
        m.add(http(Behaviour.FAN_2, "waits for the sibling before reporting the failed child",
                c -> delayWhen(r -> r.method.equals("GET") && r.path().equals("/data"), 500,
                        c.ordersDelay().toMillis())));
        m.add(http(Behaviour.TIMEOUT_1, "turns the work's failure into a 200",
                c -> new Mutations.FailureAsSuccess()));
        m.add(http(Behaviour.TIMEOUT_2, "answers the 408 a second late",
                c -> delay("GET", "/slow", 408, 1_000)));
        m.add(http(Behaviour.TIMEOUT_3, "puts the timed-out task's X-Task-Id on the next response of the connection",
                c -> new Mutations.LeakTimedOutTask()));
        m.add(process(Behaviour.DRAIN_1, "keeps serving, and accepting work, for 1.5 s after SIGTERM",
                Behaviour.DRAIN_3));
        m.add(process(Behaviour.DRAIN_2, "stops abruptly: in-flight requests are cut"));
        m.add(process(Behaviour.DRAIN_3, "reports abandoned work as if none were abandoned"));
        m.add(http(Behaviour.LEAK_1, "after a timeout, every /work stream leaves an orphaned 60 s /work running behind it",
                // the orphaned work ends whenever its 60 s are up, moving the counters that the hostile-input
                // checks watch: whichever of them runs at that moment fails too
                c -> new Mutations.OrphanWork(), Behaviour.HTTP_1, Behaviour.BG_2, Behaviour.WIRE_1, Behaviour.WIRE_2,
                Behaviour.WIRE_3, Behaviour.WIRE_4, Behaviour.WIRE_7, Behaviour.WIRE_8));
        m.add(http(Behaviour.HTTP_1, "answers 405 without Allow",
                c -> new Mutation() {
                    @Override
                    public void response(Connection conn, Message request, Message response) {
                        if (response.status == 405) {
                            response.removeHeader("Allow");
                        }
                    }
                }));
        m.addAll(NewlyChecked.all());
        m.add(process(Behaviour.DRAIN_3, "LENIENT_SETTINGS", "starts despite an unknown setting or a bad OFFLOAD_*"
                + " value (SPEC.md CFG-1)"));
        m.add(process(Behaviour.DRAIN_3, "NO_ISO_DURATIONS", "ignores a drainTimeout written as ISO-8601 (PT1S) and"
                + " drains for the default 30 s (SPEC.md CFG-1)"));
        m.add(process(Behaviour.DRAIN_3, "NO_SIZE_UNITS", "ignores a maxBodyBytes written with a unit (8KiB) and keeps"
                + " the default 64 KiB (SPEC.md CFG-1)"));
        m.add(process(Behaviour.DRAIN_2, "NO_STARTED_LINE", "prints no started line: the launcher has to find the port"
                + " (SPEC.md PROC-1)"));
        m.addAll(WireMutants.all());
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

    private static Mutant process(Behaviour b, String key, String bug) {
        return new Mutant(b, bug, EnumSet.noneOf(Behaviour.class), null, key);
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
}
