package io.meshwatch.worker.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV (RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a
 * line break, quotes doubled): one row for the mesh, one per domain, one per product, told apart by
 * {@code level}. Numbers are plain (percentages 0–100, seconds); an empty field means nothing was
 * measured. docs/report.md lists the columns.
 */
public final class ReportCsv {

  public static final List<String> COLUMNS = List.of(
      "level", "period", "domain", "product", "products", "products_meeting_target",
      "availability_pct", "availability_target_pct", "target_met", "coverage_pct", "low_coverage",
      "quality_score", "breaches", "mean_time_to_acknowledge_seconds", "mean_time_to_resolve_seconds",
      "previous_period", "previous_availability_pct", "availability_change_pp", "previous_quality_score", "quality_change");

  private ReportCsv() {}

  public static String write(SlaReport report) {
    StringBuilder csv = new StringBuilder();
    row(csv, COLUMNS);
    // With --domain the domain row leads; the mesh is another report's subject.
    if (report.domain().isEmpty()) {
      ReportLine.Mesh mesh = report.mesh();
      row(csv, line(report, "overall", "", "", mesh.products(), mesh.productsMeetingTarget(), null, null, mesh));
    }
    for (ReportLine.Domain d : report.domains()) {
      row(csv, line(report, "domain", d.domain(), "", d.products(), d.productsMeetingTarget(), null, null, d));
    }
    for (ReportLine.Product p : report.products()) {
      row(csv, line(report, "product", p.domain(), p.name(), null, null, p.availabilityTarget(), p.targetMet(), p));
    }
    return csv.toString();
  }

  private static List<String> line(SlaReport report, String level, String domain, String product, Long products, Long meeting,
      Double target, Boolean targetMet, ReportLine line) {
    Figures now = line.now();
    Figures before = line.before();
    Trend trend = line.trend();
    List<String> fields = new ArrayList<>();
    fields.add(level);
    fields.add(report.period().label());
    fields.add(domain);
    fields.add(product);
    fields.add(products == null ? "" : products.toString());
    fields.add(meeting == null ? "" : meeting.toString());
    fields.add(percent(now.availability()));
    fields.add(percent(target));
    fields.add(targetMet == null ? "" : targetMet.toString());
    fields.add(percent(now.coverage()));
    fields.add(now.coverage() == null ? "" : String.valueOf(now.lowCoverage()));
    fields.add(ReportFormat.plain(now.qualityScore(), 2));
    fields.add(String.valueOf(now.breaches()));
    fields.add(ReportFormat.plain(now.meanTimeToAcknowledgeSeconds(), 0));
    fields.add(ReportFormat.plain(now.meanTimeToResolveSeconds(), 0));
    fields.add(report.previous().label());
    fields.add(before == null ? "" : percent(before.availability()));
    fields.add(ReportFormat.plain(trend.availabilityPoints(), 4));
    fields.add(before == null ? "" : ReportFormat.plain(before.qualityScore(), 2));
    fields.add(ReportFormat.plain(trend.qualityPoints(), 2));
    return fields;
  }

  private static String percent(Double ratio) {
    return ratio == null ? "" : ReportFormat.plain(100 * ratio, 4);
  }

  private static void row(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(field(fields.get(i)));
    }
    csv.append("\r\n");
  }

  /** One field, quoted when RFC 4180 requires it. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
