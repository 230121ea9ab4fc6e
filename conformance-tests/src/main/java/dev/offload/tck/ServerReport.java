package dev.offload.tck;

import dev.offload.spec.Grade;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every result of one server (one column of the matrix). */
public record ServerReport(String server, String base, String scale, List<Result> results, long millis) {

    public Optional<Result> result(dev.offload.spec.Behaviour behaviour) {
        return results.stream().filter(r -> r.behaviour() == behaviour).findFirst();
    }

    public long count(Grade grade, Outcome outcome) {
        return results.stream().filter(r -> r.behaviour().grade() == grade && r.outcome() == outcome).count();
    }

    public long count(Grade grade) {
        return results.stream().filter(r -> r.behaviour().grade() == grade).count();
    }

    public List<Result> requiredFailures() {
        return results.stream().filter(Result::requiredFailure).toList();
    }

    /** One line: {@code jetty: REQUIRED 20/20 PASS · RECOMMENDED 2/3 PASS (CANCEL-3 FAIL) · 41.2 s}. */
    public String summary() {
        return String.format("%s: REQUIRED %d/%d PASS%s · RECOMMENDED %d/%d PASS%s · %.1f s", server,
                count(Grade.REQUIRED, Outcome.PASS), count(Grade.REQUIRED), notPassed(Grade.REQUIRED),
                count(Grade.RECOMMENDED, Outcome.PASS), count(Grade.RECOMMENDED), notPassed(Grade.RECOMMENDED),
                millis / 1000.0);
    }

    private String notPassed(Grade grade) {
        String list = results.stream().filter(r -> r.behaviour().grade() == grade && r.outcome() != Outcome.PASS)
                .map(r -> r.behaviour().id() + " " + r.outcome()).collect(Collectors.joining(", "));
        return list.isEmpty() ? "" : " (" + list + ")";
    }
}
