package io.equisweep.driver.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn with JFreeChart into PNG bytes. Exact nets solid, approximate dashed. */
final class Charts {
    static final int WIDTH = 760;
    static final int HEIGHT = 420;
    /** Errors below this (float round-off of an exact net, or exactly 0) are drawn at this floor on the log axis. */
    static final double ERROR_FLOOR = 1e-8;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0x7f7f7f), new Color(0xbcbd22)};

    private Charts() {
    }

    /** Accuracy against the rotation of the test set: the paper's curves. */
    static byte[] accuracyByAngle(String title, Map<String, List<double[]>> series) {
        return accuracyByAngle(title, series, null);
    }

    /** The training rotations' band, {@code centre ± halfWidth} degrees, shaded on an accuracy chart. */
    record Band(double centre, double halfWidth, String label) {
    }

    /** As above, with the band of the training distribution shaded ({@code null}: none). */
    static byte[] accuracyByAngle(String title, Map<String, List<double[]>> series, Band band) {
        NumberAxis x = new NumberAxis("rotation of the test set (degrees)");
        x.setRange(0, 360);
        x.setTickUnit(new NumberTickUnit(45));
        NumberAxis y = new NumberAxis("accuracy (mean over seeds)");
        y.setRange(0, 1.02);
        return png(title, series, x, y, Double.NEGATIVE_INFINITY, plot -> {
            if (band == null) {
                return;
            }
            double lo = band.centre() - band.halfWidth();
            double hi = band.centre() + band.halfWidth();
            // A band across 0° is drawn in two parts; the first carries the label.
            boolean labelled = false;
            for (double[] part : new double[][] {{lo, hi}, {lo + 360, hi + 360}, {lo - 360, hi - 360}}) {
                double from = Math.max(0, part[0]);
                double to = Math.min(360, part[1]);
                if (from < to) {
                    IntervalMarker marker = new IntervalMarker(from, to, new Color(0x1f, 0x77, 0xb4, 40));
                    if (!labelled) {
                        labelled = true;
                        marker.setLabel(band.label());
                        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                    }
                    plot.addDomainMarker(marker, Layer.BACKGROUND);
                }
            }
        });
    }

    /** An error (relative, log scale) against the epoch at which it was measured, 0 being initialisation. */
    static byte[] errorByEpoch(String title, Map<String, List<double[]>> series) {
        return errors(title, series, "epoch (0 = initialisation)",
                "logits' relative invariance error (mean over elements, seeds)");
    }

    /** Relative equivariance error per probed depth, on a log scale. */
    static byte[] errorByDepth(String title, Map<String, List<double[]>> series) {
        return errors(title, series, "depth (probed layer, input side first)",
                "relative equivariance error (mean over elements, seeds)");
    }

    /** Errors against an integer axis, on a log scale with round-off drawn at {@link #ERROR_FLOOR}. */
    private static byte[] errors(String title, Map<String, List<double[]>> series, String xLabel, String yLabel) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis y = new LogAxis(yLabel);
        y.setSmallestValue(ERROR_FLOOR);
        y.setBase(10);
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.0E0"));
        return png(title, series, x, y, ERROR_FLOOR, plot -> {
        });
    }

    private static byte[] png(String title, Map<String, List<double[]>> series, NumberAxis x,
                              org.jfree.chart.axis.ValueAxis y, double floor, java.util.function.Consumer<XYPlot> decorate) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (var e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), true, false);
            for (double[] p : e.getValue()) {
                s.addOrUpdate(p[0], Math.max(floor, p[1]));
            }
            data.addSeries(s);
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            boolean exact = e.getKey().endsWith("(exact)");
            renderer.setSeriesStroke(i, exact ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
            i++;
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        decorate.accept(plot);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
