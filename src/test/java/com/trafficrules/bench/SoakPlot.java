package com.trafficrules.bench;

import com.trafficrules.bench.Soak.Endpoint;
import com.trafficrules.bench.SoakFigures.Bucket;
import com.trafficrules.bench.SoakFigures.Collection;
import com.trafficrules.bench.SoakFigures.PoolSample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** docs/soak.png: p99 per endpoint, the heap after collections and the connections, over the minutes of the soak. */
final class SoakPlot {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1100;
    private static final double MIB = 1024.0 * 1024;
    private static final double NANOS_PER_MINUTE = 60e9;
    private static final Color ACTIVATION = new Color(150, 150, 150);
    /** One colour per series across the three plots, which share one legend (Tableau 10). */
    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
            new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F),
            new Color(0xBAB0AC)};

    private SoakPlot() {
    }

    static void write(SoakFigures figures, List<Bucket> buckets, Path png) throws IOException {
        NumberAxis minutes = new NumberAxis("minutes into the soak");
        minutes.setRange(0, figures.settings().duration().toNanos() / NANOS_PER_MINUTE);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(minutes);
        plot.setGap(14);
        XYPlot latency = latency(figures, buckets);
        figures.activationsInWindow().forEach(activation -> {
            ValueMarker marker = new ValueMarker(activation.atNanos() / NANOS_PER_MINUTE, ACTIVATION,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            latency.addDomainMarker(marker);
        });
        plot.add(latency, 2);
        XYPlot heap = heap(figures, latency.getSeriesCount());
        plot.add(heap, 1);
        plot.add(connections(figures, latency.getSeriesCount() + heap.getSeriesCount()), 1);
        JFreeChart chart = new JFreeChart("Soak: " + SoakFigures.clock(figures.settings().duration().toNanos()) + " at steady rates",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle("p99 per " + SoakFigures.clock(figures.settings().bucket().toNanos())
                + " bucket; dashed lines: ruleset activations; live heap (after System.gc()) %.0f MiB before, %.0f MiB after"
                .formatted(figures.liveBefore() / MIB, figures.liveAfter() / MIB)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** p99 per endpoint and bucket, at the bucket's middle, on a log axis: the endpoints' latencies differ tenfold. */
    private static XYPlot latency(SoakFigures figures, List<Bucket> buckets) {
        XYSeriesCollection series = new XYSeriesCollection();
        for (Endpoint endpoint : figures.endpoints()) {
            XYSeries p99 = new XYSeries(endpoint.key + " p99");
            for (Bucket bucket : buckets) {
                long[] latencies = bucket.latencies().get(endpoint);
                if (latencies.length > 0) {
                    p99.add((bucket.from() + bucket.to()) / 2.0 / NANOS_PER_MINUTE, SoakFigures.p99(latencies));
                }
            }
            series.addSeries(p99);
        }
        LogarithmicAxis axis = new LogarithmicAxis("p99 (ms, log scale)");
        axis.setStrictValuesFlag(false);
        return plot(series, axis, new XYLineAndShapeRenderer(true, true), 0);
    }

    /** The old generation after each young collection (a line) and the whole heap after each full one (points). */
    private static XYPlot heap(SoakFigures figures, int firstColour) {
        XYSeries oldGeneration = new XYSeries("old gen after each young GC");
        XYSeries afterFull = new XYSeries("heap after each full GC");
        for (Collection collection : figures.collectionsInWindow()) {
            double at = collection.atNanos() / NANOS_PER_MINUTE;
            if (collection.full()) {
                afterFull.add(at, collection.heapAfterBytes() / MIB);
            } else {
                oldGeneration.add(at, collection.oldGenerationAfterBytes() / MIB);
            }
        }
        XYSeriesCollection series = new XYSeriesCollection(oldGeneration);
        series.addSeries(afterFull);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesLinesVisible(1, false);
        NumberAxis axis = new NumberAxis("MiB");
        axis.setAutoRangeIncludesZero(true);
        return plot(series, axis, renderer, firstColour);
    }

    /** The pool's total and active connections and the database's sessions, each second. */
    private static XYPlot connections(SoakFigures figures, int firstColour) {
        XYSeries total = new XYSeries("pool total");
        XYSeries active = new XYSeries("pool active");
        XYSeries sessions = new XYSeries("pg_stat_activity sessions");
        for (PoolSample sample : figures.samplesInWindow()) {
            double at = sample.atNanos() / NANOS_PER_MINUTE;
            total.add(at, sample.total());
            active.add(at, sample.active());
            sessions.add(at, sample.sessions());
        }
        XYSeriesCollection series = new XYSeriesCollection(sessions);
        series.addSeries(total);
        series.addSeries(active);
        NumberAxis axis = new NumberAxis("connections");
        axis.setAutoRangeIncludesZero(true);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return plot(series, axis, new XYLineAndShapeRenderer(true, false), firstColour);
    }

    private static XYPlot plot(XYSeriesCollection series, ValueAxis axis, XYLineAndShapeRenderer renderer, int firstColour) {
        for (int i = 0; i < series.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[(firstColour + i) % PALETTE.length]);
        }
        XYPlot plot = new XYPlot(series, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
