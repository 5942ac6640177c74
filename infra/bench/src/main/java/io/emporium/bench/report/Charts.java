package io.emporium.bench.report;

import io.emporium.bench.load.Interval;
import io.emporium.bench.scenario.Series;
import io.emporium.bench.scenario.Step;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn headless: two per series, latency percentiles over time and throughput by step. */
final class Charts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 440;

    private Charts() {
    }

    /** File names of a series' charts, relative to the report. */
    record Files(@Nullable String latency, String throughput) {}

    /** A series without timed requests has no latency chart. */
    static Files of(Series series) {
        return new Files(series.timed() ? series.key() + "-" + series.latencyName() + "-over-time.png" : null,
                series.key() + "-throughput.png");
    }

    static Files draw(Series series, Path directory) throws IOException {
        var files = of(series);
        if (files.latency() != null) {
            BitmapEncoder.saveBitmap(latencyOverTime(series), directory.resolve(files.latency()).toString(),
                    BitmapEncoder.BitmapFormat.PNG);
        }
        BitmapEncoder.saveBitmap(throughput(series), directory.resolve(files.throughput()).toString(),
                BitmapEncoder.BitmapFormat.PNG);
        return files;
    }

    /**
     * p50, p99 and p99.9 of each slice against time since the series started, every repetition of every step in
     * the order they ran; the pauses between repetitions show as straight segments.
     */
    static XYChart latencyOverTime(Series series) {
        var chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(series.title() + ": " + series.latencyName() + " percentiles over time")
                .xAxisTitle("seconds since the first step").yAxisTitle(series.latencyName() + " (ms)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        var slices = new ArrayList<Interval>();
        var runStarts = new ArrayList<RunStart>();
        for (var step : series.steps()) {
            for (var run : step.runs()) {
                slices.addAll(run.timeline());
                if (!run.timeline().isEmpty()) {
                    var first = run.timeline().getFirst();
                    runStarts.add(new RunStart(first.at() - first.seconds(), run.timeline().getLast().at(),
                            step.label()));
                }
            }
        }
        slices.removeIf(slice -> slice.count() == 0);
        slices.sort(Comparator.comparingDouble(Interval::at));
        if (slices.isEmpty()) {
            chart.addSeries("no completions", new double[] {0}, new double[] {0});
            return chart;
        }
        var start = Math.min(slices.getFirst().at() - slices.getFirst().seconds(),
                runStarts.stream().mapToDouble(RunStart::at).min().orElse(Double.MAX_VALUE));
        var time = slices.stream().mapToDouble(slice -> slice.at() - start).toArray();
        addLine(chart, "p50", time, slices.stream().mapToDouble(Interval::p50).toArray(), new Color(0x1f77b4));
        addLine(chart, "p99", time, slices.stream().mapToDouble(Interval::p99).toArray(), new Color(0xff7f0e));
        addLine(chart, "p99.9", time, slices.stream().mapToDouble(Interval::p999).toArray(), new Color(0xd62728));
        var top = slices.stream().mapToDouble(Interval::p999).max().orElse(0);
        for (var run : runStarts) {
            chart.addAnnotation(new AnnotationLine(run.at() - start, true, false));
            var label = new AnnotationText(run.label(), (run.at() + run.end()) / 2 - start, top, false);
            chart.addAnnotation(label);
        }
        chart.getStyler().setAnnotationLineColor(new Color(0xbbbbbb));
        chart.getStyler().setAnnotationTextFontColor(Color.GRAY);
        return chart;
    }

    /** Where one repetition began and ended on the suite's clock, and the step it belongs to. */
    private record RunStart(double at, double end, String label) {}

    /** The median throughput of each step; its error bar reaches the farther of the lowest and highest repetition. */
    static CategoryChart throughput(Series series) {
        var chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(series.title() + ": throughput by " + series.settingName())
                .xAxisTitle(series.settingName()).yAxisTitle(series.throughputUnit()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        List<String> labels = series.steps().stream().map(Step::label).toList();
        var medians = series.steps().stream().map(step -> step.throughput().median()).toList();
        var errors = series.steps().stream().map(step -> Math.max(step.throughput().max() - step.throughput().median(),
                step.throughput().median() - step.throughput().min())).toList();
        chart.addSeries(series.throughputUnit(), labels, medians, errors).setFillColor(new Color(0x1f77b4));
        return chart;
    }

    private static void addLine(XYChart chart, String name, double[] x, double[] y, Color color) {
        var line = chart.addSeries(name, x, y);
        line.setMarker(SeriesMarkers.CIRCLE);
        line.setLineColor(color);
        line.setMarkerColor(color);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        if (styler instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xdddddd));
        }
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(14f));
    }
}
