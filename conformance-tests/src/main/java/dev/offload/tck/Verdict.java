package dev.offload.tck;

/**
 * What a check returns: the outcome, the measured figure that supports it ("408 after 312 ms, deadline 300 ms"), and
 * optionally the headline number of that figure with its unit, so tools can rank servers by it.
 */
public record Verdict(Outcome outcome, String figure, Double value, String unit) {

    public static Verdict pass(String figure) {
        return new Verdict(Outcome.PASS, figure, null, null);
    }

    public static Verdict fail(String figure) {
        return new Verdict(Outcome.FAIL, figure, null, null);
    }

    public static Verdict skipped(String reason) {
        return new Verdict(Outcome.SKIPPED, reason, null, null);
    }

    public static Verdict error(String reason) {
        return new Verdict(Outcome.ERROR, reason, null, null);
    }

    /** The same verdict carrying a headline number, e.g. {@code withValue(312, "ms")}. */
    public Verdict withValue(double value, String unit) {
        return new Verdict(outcome, figure, value, unit);
    }
}
