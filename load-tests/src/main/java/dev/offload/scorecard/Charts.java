package dev.offload.scorecard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Grouped bar charts drawn with JFreeChart and encoded as PNG: one colour per server, the same colour in every chart,
 * value labels on the bars so the picture can be read without the table. Runs headless.
 */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Fixed colours per server position; the legend names them. */
    private static final Color[] SERIES = {new Color(0x1f6feb), new Color(0xd9480f), new Color(0x2da44e),
            new Color(0x8250df)};

    private Charts() {}

    /**
     * A grouped bar chart. {@code values} maps category (x axis) to series (server) to value; NaN values are left
     * out. Returns PNG bytes.
     */
    static byte[] bars(String title, String valueAxis, List<String> categories, List<String> series,
                       Map<String, Map<String, Double>> values, int width, int height) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String category : categories) {
            for (String s : series) {
                Double v = values.getOrDefault(category, Map.of()).get(s);
                // A missing bar stays a gap (null), so a failed run is not drawn as a zero.
                data.addValue(v == null || v.isNaN() ? null : v, s, category);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, valueAxis, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0d7de));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        CategoryAxis domain = plot.getDomainAxis();
        domain.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        domain.setCategoryMargin(0.25);
        // Scenario names are short: let them use more than their bar group's width rather than be elided.
        domain.setMaximumCategoryLabelWidthRatio(1.6f);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("#,##0.#")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
        }
        // Headroom so the value label above the tallest bar is not clipped.
        plot.getRangeAxis().setUpperMargin(0.15);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, width, height);
        return png.toByteArray();
    }
}
