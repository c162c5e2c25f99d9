package io.meshwatch.worker.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The report's charts as inline SVG, drawn here so the page needs no script, font or file from
 * anywhere: horizontal bars, one row per product or domain, its name on the left and its figures in
 * words on the right (a chart must not be the only place a number is). Inline SVG in HTML needs no
 * namespace declaration, so the page names no URL at all. Bars for nothing measured are
 * left out and say so, rather than drawn at 0.
 */
public final class SvgCharts {

  static final String MET = "#2e7d32";
  static final String MISSED = "#c62828";
  static final String NEUTRAL = "#1565c0";
  static final String PREVIOUS = "#b0bec5";
  static final String FAIR = "#ef6c00";
  private static final String INK = "#212121";
  private static final String MUTED = "#757575";
  private static final String GRID = "#e0e0e0";

  private static final int WIDTH = 1120;
  private static final int LABEL_X = 8;
  private static final int PLOT_X = 270;
  private static final int PLOT_WIDTH = 480;
  private static final int NOTE_X = PLOT_X + PLOT_WIDTH + 14;
  private static final int BAR_HEIGHT = 14;
  private static final int TOP = 30;
  /** Longer names are cut in the chart (the full name is its tooltip and in the tables). */
  private static final int LABEL_CHARS = 38;

  private SvgCharts() {}

  /** Each product's availability against its target: green when met, red when missed, the target as a black tick. */
  public static String availabilityVsTarget(List<ReportLine.Product> products) {
    List<Row> rows = new ArrayList<>();
    for (ReportLine.Product p : products) {
      Figures now = p.now();
      String colour = p.targetMet() == null ? NEUTRAL : p.targetMet() ? MET : MISSED;
      String note = now.availability() == null ? "" : ReportFormat.availability(now.availability(), p.availabilityTarget())
          + " of " + ReportFormat.target(p.availabilityTarget()) + (Boolean.FALSE.equals(p.targetMet()) ? " (missed)" : "");
      rows.add(new Row(ReportTables.id(p), List.of(new Bar(now.availability(), colour)), p.availabilityTarget(),
          note + coverageNote(now)));
    }
    List<Double> values = new ArrayList<>();
    products.forEach(p -> {
      values.add(p.now().availability());
      values.add(p.availabilityTarget());
    });
    return chart("Availability against target per product", rows, Axis.availability(values),
        List.of(new Legend(MET, "target met"), new Legend(MISSED, "target missed"), new Legend(INK, "target")));
  }

  /**
   * The trend: for the mesh (or the reported domain) and each domain, the previous period's
   * availability in grey above this period's in blue.
   */
  public static String availabilityTrend(SlaReport report) {
    List<ReportLine.RollUp> lines = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (report.domain().isEmpty()) {
      lines.add(report.mesh());
      labels.add("the mesh");
    }
    for (ReportLine.Domain d : report.domains()) {
      lines.add(d);
      labels.add(d.domain());
    }
    List<Row> rows = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ReportLine.RollUp line = lines.get(i);
      Double before = line.before() == null ? null : line.before().availability();
      Double now = line.now().availability();
      values.add(before);
      values.add(now);
      String note = ReportFormat.percent(before) + " → " + ReportFormat.percent(now)
          + " (" + ReportFormat.points(line.trend().availabilityPoints()) + ")";
      // Coverage is left to the tables here: the trend's note is long enough already.
      rows.add(new Row(labels.get(i), List.of(new Bar(before, PREVIOUS), new Bar(now, NEUTRAL)), null, note));
    }
    return chart("Availability, " + report.previous().label() + " and " + report.period().label(), rows, Axis.availability(values),
        List.of(new Legend(PREVIOUS, report.previous().label()), new Legend(NEUTRAL, report.period().label())));
  }

  /** Each product's quality score on 0–100: green from 95, orange from 80, red below. */
  public static String quality(List<ReportLine.Product> products) {
    List<Row> rows = new ArrayList<>();
    for (ReportLine.Product p : products) {
      Double score = p.now().qualityScore();
      String colour = score == null ? NEUTRAL : score >= 95 ? MET : score >= 80 ? FAIR : MISSED;
      String note = score == null ? "" : ReportFormat.quality(score) + " (" + ReportFormat.qualityChange(p.trend().qualityPoints()) + ")";
      rows.add(new Row(ReportTables.id(p), List.of(new Bar(score, colour)), null, note));
    }
    return chart("Quality score per product", rows, Axis.quality(),
        List.of(new Legend(MET, "95 or more"), new Legend(FAIR, "80 to 95"), new Legend(MISSED, "below 80")));
  }

  /** One row: a label, one or more bars stacked under each other, an optional marker (a target) and the figures in words. */
  private record Row(String label, List<Bar> bars, Double marker, String note) {}

  private record Bar(Double value, String colour) {}

  private record Legend(String colour, String text) {}

  /** The value axis: from {@code min} to {@code max}, labelled at five evenly spaced ticks. */
  private record Axis(double min, double max, boolean percent) {

    /**
     * Availabilities cluster just under 100 %, where a 0–100 axis would draw every bar full. The axis
     * starts at the highest of a few round floors below the lowest value, and says so in its labels.
     */
    static Axis availability(List<Double> ratios) {
      double lowest = ratios.stream().filter(r -> r != null).mapToDouble(Double::doubleValue).min().orElse(0.9);
      for (double floor : new double[] {0.999, 0.995, 0.99, 0.98, 0.95, 0.9, 0.8, 0.5}) {
        if (lowest > floor) {
          return new Axis(floor, 1, true);
        }
      }
      return new Axis(0, 1, true);
    }

    static Axis quality() {
      return new Axis(0, 100, false);
    }

    double x(double value) {
      double share = (Math.min(max, Math.max(min, value)) - min) / (max - min);
      return PLOT_X + share * PLOT_WIDTH;
    }

    List<Double> ticks() {
      return Stream.iterate(0, i -> i + 1).limit(5).map(i -> min + i * (max - min) / 4).toList();
    }

    String label(double tick) {
      if (!percent) {
        return String.format(Locale.ROOT, "%.0f", tick);
      }
      double step = 100 * (max - min) / 4;
      int decimals = 0;
      while (decimals < 4 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
        decimals++;
      }
      return String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * tick);
    }
  }

  private static String chart(String title, List<Row> rows, Axis axis, List<Legend> legend) {
    int rowHeight = 10 + rows.stream().mapToInt(r -> r.bars().size()).max().orElse(1) * (BAR_HEIGHT + 2);
    int plotHeight = Math.max(1, rows.size()) * rowHeight;
    int height = TOP + plotHeight + 28;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
            + " aria-label=\"%s\" font-family=\"'DejaVu Sans', 'Liberation Sans', Arial, sans-serif\" font-size=\"12\">",
        WIDTH, height, WIDTH, height, Html.escape(title)));
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    legend(svg, legend);
    for (double tick : axis.ticks()) {
      double x = axis.x(tick);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>",
          x, TOP - 4, x, TOP + plotHeight, GRID));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
          x, TOP + plotHeight + 16, MUTED, Html.escape(axis.label(tick))));
    }
    if (rows.isEmpty()) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">no products in this period</text>",
          PLOT_X + 8, TOP + 16, MUTED));
    }
    for (int i = 0; i < rows.size(); i++) {
      row(svg, rows.get(i), axis, TOP + i * rowHeight, rowHeight);
    }
    return svg.append("</svg>").toString();
  }

  private static void legend(StringBuilder svg, List<Legend> legend) {
    int x = PLOT_X;
    for (Legend item : legend) {
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, item.colour()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" fill=\"%s\">%s</text>", x + 16, INK, Html.escape(item.text())));
      x += 28 + 7 * item.text().length();
    }
  }

  private static void row(StringBuilder svg, Row row, Axis axis, int top, int rowHeight) {
    int middle = top + rowHeight / 2;
    svg.append("<g><title>").append(Html.escape(row.label() + ": " + row.note())).append("</title>");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" dominant-baseline=\"middle\">%s</text>",
        LABEL_X, middle, INK, Html.escape(cut(row.label()))));
    int y = top + 5;
    boolean measured = false;
    for (Bar bar : row.bars()) {
      if (bar.value() != null) {
        measured = true;
        double width = Math.max(1, axis.x(bar.value()) - PLOT_X);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
            PLOT_X, y, width, BAR_HEIGHT, bar.colour()));
      }
      y += BAR_HEIGHT + 2;
    }
    if (!measured) {
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-style=\"italic\" dominant-baseline=\"middle\">%s not measured</text>",
          PLOT_X + 6, middle, MUTED, ReportFormat.NONE));
    }
    if (row.marker() != null) {
      double x = axis.x(row.marker());
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
          x, top + 2, x, top + rowHeight - 2, INK));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" dominant-baseline=\"middle\">%s</text>",
        NOTE_X, middle, INK, Html.escape(row.note())));
    svg.append("</g>");
  }

  private static String coverageNote(Figures figures) {
    return figures.lowCoverage() ? " " + ReportTables.LOW_COVERAGE_MARK + " coverage " + ReportFormat.percent(figures.coverage()) : "";
  }

  private static String cut(String label) {
    return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
  }
}
