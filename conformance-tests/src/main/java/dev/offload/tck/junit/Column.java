package dev.offload.tck.junit;

import dev.offload.spec.Grade;
import dev.offload.spec.OffloadConfig;
import dev.offload.tck.Check;
import dev.offload.tck.Evidence;
import dev.offload.tck.Probe;
import dev.offload.tck.Result;
import dev.offload.tck.ServerReport;
import dev.offload.tck.Tck;
import dev.offload.tck.Verdict;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One server's run behind the dynamic tests: started at the first check, checks judged one after the other in one
 * {@link Tck.Session}, stopped and reported after the last.
 */
final class Column {
    private final String name;
    private final OffloadTck.ServerSource source;
    private final OffloadConfig config;
    private final Tck.Options options;
    private final Consumer<ServerReport> onReport;
    private final int checks;
    private final List<Result> results = new ArrayList<>();
    private OffloadTck.Running running;
    private Tck.Session session;
    private String notStarted;
    private long startNanos;

    Column(String name, OffloadTck.ServerSource source, OffloadConfig config, Tck.Options options,
           Consumer<ServerReport> onReport, int checks) {
        this.name = name;
        this.source = source;
        this.config = config;
        this.options = options;
        this.onReport = onReport;
        this.checks = checks;
    }

    void judge(Check check) {
        try {
            Result r = run(check);
            results.add(r);
            options.log().accept(Tck.line(name, r));
            verdictToJUnit(check, r.verdict());
        } finally {
            if (results.size() == checks) {
                finish();
            }
        }
    }

    private Result run(Check check) {
        if (session == null && notStarted == null) {
            startNanos = System.nanoTime();
            try {
                running = source.start(config);
                session = new Tck.Session(running.target(), options);
            } catch (Exception | LinkageError e) {
                notStarted = Evidence.failure(e);
            }
        }
        if (notStarted != null) {
            return new Result(check.behaviour(), check.name(), Verdict.error("the server did not start: "
                    + notStarted), 0);
        }
        return session.run(check);
    }

    private static void verdictToJUnit(Check check, Verdict v) {
        String id = check.behaviour().id();
        boolean required = check.behaviour().grade() == Grade.REQUIRED;
        switch (v.outcome()) {
            case PASS -> {
            }
            case SKIPPED -> throw new TestAbortedException("SKIPPED " + id + ": " + v.figure());
            case ERROR -> throw new AssertionFailedError("ERROR " + id + ": " + v.figure());
            case FAIL -> {
                if (required) {
                    throw new AssertionFailedError("FAIL " + id + ": " + v.figure());
                }
                throw new TestAbortedException("RECOMMENDED " + id + " not met: " + v.figure());
            }
        }
    }

    private void finish() {
        if (session != null) {
            session.close();
        }
        if (running != null) {
            running.close();
        }
        String server = running != null ? running.target().name() : name;
        String base = running != null ? running.target().base().toString() : "(not started)";
        onReport.accept(new ServerReport(server, base, options.scale().label(), List.copyOf(results),
                Probe.millisSince(startNanos)));
    }
}
