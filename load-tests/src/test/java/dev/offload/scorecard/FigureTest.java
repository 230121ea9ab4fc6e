package dev.offload.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** How a figure over repetitions is summarised and printed: the median, its spread, never a fake zero. */
class FigureTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, Figure.of(5, 1, 3).median());
        assertEquals(2.5, Figure.of(4, 1, 2, 3).median());
    }

    @Test
    void spreadIsHalfTheRangeRelativeToTheMedian() {
        Figure f = Figure.of(9, 11);
        assertEquals(20, f.spreadPercent(), 1e-9);
        assertEquals("10 ±10%", f.format());
        assertEquals("10", Figure.of(10).format(), "one repetition: no spread to show");
        assertEquals("100 ±<1%", Figure.of(100, 100.2).format());
    }

    @Test
    void absentSamplesAreNotAValue() {
        Figure f = Figure.of(Double.NaN, Double.NaN);
        assertFalse(f.present());
        assertEquals("n/a", f.format());
        assertEquals(4, Figure.of(Double.NaN, 4).median(), "a missing repetition does not drag the median");
    }

    @Test
    void numbersKeepThreeSignificantFiguresWithoutExponent() {
        assertEquals("1,235", Figure.number(1234.5));
        assertEquals("12.3", Figure.number(12.345));
        assertEquals("1.23", Figure.number(1.2345));
        assertEquals("0.123", Figure.number(0.12345));
        assertEquals("≈0", Figure.number(1.3e-5));
        assertEquals("0", Figure.number(0));
    }
}
