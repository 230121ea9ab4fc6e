package dev.offload.scorecard;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * One measured figure over its repetitions: the median (what the tables show) with the min and max, so every number
 * in the scorecard carries its spread. A figure with no sample is absent, and renders as "n/a", never as 0.
 */
record Figure(double median, double min, double max, int reps) {

    static final Figure ABSENT = new Figure(Double.NaN, Double.NaN, Double.NaN, 0);

    static Figure of(double... samples) {
        double[] s = Arrays.stream(samples).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (s.length == 0) {
            return ABSENT;
        }
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new Figure(median, s[0], s[s.length - 1], s.length);
    }

    static Figure of(Collection<Double> samples) {
        return of(samples.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
    }

    boolean present() {
        return reps > 0;
    }

    /** Repetitions a figure needs before it can be called different from another. */
    static final int SIGNIFICANT_REPS = 3;

    /**
     * The rule for calling a difference: both figures from at least {@link #SIGNIFICANT_REPS} fresh-JVM repetitions
     * and their min–max ranges do not overlap. Anything else is "no measurable difference".
     */
    boolean separatedFrom(Figure other) {
        return reps >= SIGNIFICANT_REPS && other.reps >= SIGNIFICANT_REPS && (max < other.min || other.max < min);
    }

    /** Max-min range relative to the median, in percent; 0 with a single repetition. */
    double spreadPercent() {
        return median == 0 ? 0 : 100 * (max - min) / Math.abs(median);
    }

    /** The median in a compact, unit-less form with the spread when there was more than one repetition. */
    String format() {
        if (!present()) {
            return "n/a";
        }
        String value = number(median);
        if (reps < 2 || max == min) {
            return value;
        }
        double half = spreadPercent() / 2;
        return value + (half < 1 ? " ±<1%" : " ±" + Math.round(half) + "%");
    }

    /** A ratio, with two decimals below 10 so a column of ratios lines up: {@code 0.77×}, {@code 2.50×}. */
    static String ratio(double r) {
        return String.format(Locale.ROOT, r < 10 ? "%.2f×" : r < 100 ? "%.1f×" : "%,.0f×", r);
    }

    /** Three significant figures, no exponent, locale-independent. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a < 0.0005 && v != 0) {
            return "≈0";
        }
        if (a >= 100 || v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
