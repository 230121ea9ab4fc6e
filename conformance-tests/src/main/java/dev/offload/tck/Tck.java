package dev.offload.tck;

import dev.offload.spec.Behaviour;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Offload TCK: every check, and the runner that applies them to a {@link Target}.
 *
 * <pre>{@code
 * Target target = Target.of("my-server", URI.create("http://127.0.0.1:8080"), OffloadConfig.defaults());
 * ServerReport report = Tck.run(target, Tck.Options.defaults());
 * Matrix.write(List.of(report), Path.of("target/conformance"));
 * }</pre>
 *
 * Checks run one after the other against one server (several judge the server's counters, so nothing else may
 * run there meanwhile), in the order of the behaviour catalogue, each after the server has settled.
 */
public final class Tck {
    /** The check classes, one per behaviour area. */
    private static final List<Class<?>> AREAS = List.of(CopyChecks.class, CancelChecks.class, BackgroundChecks.class,
            PoolChecks.class, FanOutChecks.class, TimeoutChecks.class, DrainChecks.class, ServerChecks.class, WireChecks.class,
            WireTimeoutChecks.class);

    private Tck() {
    }

    /**
     * How a run is done: at what scale, which behaviours, where progress lines go, and how long to wait at most for
     * the server to settle (no task active) before a check and inside checks.
     */
    public record Options(Scale scale, Set<Behaviour> only, Consumer<String> log, Duration settle) {
        public Options(Scale scale, Set<Behaviour> only, Consumer<String> log) {
            this(scale, only, log, Probe.SETTLE);
        }

        public static Options defaults() {
            return new Options(Scale.DEFAULT, EnumSet.allOf(Behaviour.class), System.out::println);
        }

        public Options withScale(Scale scale) {
            return new Options(scale, only, log, settle);
        }

        public Options only(Set<Behaviour> behaviours) {
            return new Options(scale, EnumSet.copyOf(behaviours), log, settle);
        }

        public Options withLog(Consumer<String> log) {
            return new Options(scale, only, log, settle);
        }

        public Options withSettle(Duration settle) {
            return new Options(scale, only, log, settle);
        }
    }

    /** Every check, in catalogue order; exactly one per behaviour ID (verified). */
    public static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (Class<?> area : AREAS) {
            Object owner;
            try {
                owner = area.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            Arrays.stream(area.getDeclaredMethods()).sorted(Comparator.comparing(Method::getName)).forEach(m -> {
                Check c = Check.of(owner, m);
                if (c != null) {
                    checks.add(c);
                }
            });
        }
        checks.sort(Comparator.comparing(Check::behaviour));
        for (Behaviour b : Behaviour.values()) {
            long n = checks.stream().filter(c -> c.behaviour() == b).count();
            if (n != 1) {
                throw new IllegalStateException(b.id() + " has " + n + " checks; every behaviour needs exactly one");
            }
        }
        return List.copyOf(checks);
    }

    /** Runs the selected checks against {@code target}. */
    public static ServerReport run(Target target, Options options) {
        long start = System.nanoTime();
        List<Result> results = new ArrayList<>();
        try (Session session = new Session(target, options)) {
            for (Check check : checks()) {
                if (options.only().contains(check.behaviour())) {
                    Result r = session.run(check);
                    results.add(r);
                    options.log().accept(line(target.name(), r));
                }
            }
        }
        return new ServerReport(target.name(), target.base().toString(), options.scale().label(),
                List.copyOf(results), Probe.millisSince(start));
    }

    /**
     * The report of a server that could not be started: every selected check ERROR with {@code reason} (which
     * should carry the tail of the server's output), so a matrix is still written and says why.
     */
    public static ServerReport notStarted(String server, String base, String reason, Options options) {
        List<Result> results = checks().stream().filter(c -> options.only().contains(c.behaviour()))
                .map(c -> new Result(c.behaviour(), c.name(), Verdict.error("the server did not start: " + reason), 0))
                .toList();
        results.forEach(r -> options.log().accept(line(server, r)));
        return new ServerReport(server, base, options.scale().label(), results, 0);
    }

    /** A progress line: {@code [jetty] PASS  TIMEOUT-2  408 after 312 ms… (412 ms)}. */
    public static String line(String server, Result r) {
        return String.format("[%s] %-7s %-9s %s (%d ms)", server, r.outcome(), r.behaviour().id(),
                Probe.abbreviate(r.figure(), 300), r.millis());
    }

    /**
     * Checks run one by one against one server, sharing a {@link Probe} (and its experiments). What the JUnit
     * integration uses to give every check its own test.
     */
    public static final class Session implements AutoCloseable {
        private final Probe probe;

        public Session(Target target, Scale scale) {
            this(target, scale, Probe.SETTLE);
        }

        public Session(Target target, Scale scale, Duration settle) {
            this.probe = new Probe(target, scale, settle);
        }

        /** A session for a run with these options (scale, settle, and the selection experiments prepare for). */
        public Session(Target target, Options options) {
            this(target, options.scale(), options.settle());
            probe.select(options.only());
        }

        /**
         * Runs one check after the server has settled. A check that needs the target gets ERROR, not FAIL, when
         * the server does not answer before it or stopped answering during it.
         */
        public Result run(Check check) {
            long start = System.nanoTime();
            if (check.needsTarget()) {
                String down = notAnswering();
                if (down != null) {
                    return new Result(check.behaviour(), check.name(), Verdict.error("the server did not answer"
                            + " before this check: " + down + outputTail()), Probe.millisSince(start));
                }
                try {
                    probe.settle(); // leftovers of the previous check must not count for this one
                } catch (Exception e) {
                    // the check itself will say what is wrong with /stats
                }
            }
            Verdict v = check.run(probe);
            if (v.outcome() == Outcome.FAIL && check.needsTarget()) {
                String down = notAnswering();
                if (down != null) {
                    v = Verdict.error("the server stopped answering during this check (" + down + "); the check"
                            + " had seen: " + v.figure() + outputTail());
                }
            }
            String note = probe.scale().note(check.behaviour());
            if (!note.isEmpty() && v.outcome() != Outcome.SKIPPED) {
                v = new Verdict(v.outcome(), v.figure() + note, v.value(), v.unit());
            }
            return new Result(check.behaviour(), check.name(), v, Probe.millisSince(start));
        }

        /** Null if the server answers {@code GET /plaintext} with any HTTP response within 5 s, else what happened. */
        private String notAnswering() {
            try (RawConnection c = RawConnection.open(probe.target().base(), Duration.ofSeconds(5))) {
                c.send(c.get("/plaintext"));
                c.readResponse();
                return null;
            } catch (Exception e) {
                return Evidence.failure(e);
            }
        }

        private String outputTail() {
            return probe.target().outputTail().map(t -> "; the server's output ended with: " + t).orElse("");
        }

        public Probe probe() {
            return probe;
        }

        @Override
        public void close() {
            probe.close();
        }
    }
}
