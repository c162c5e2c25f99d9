package io.meshwatch.worker.report;

import io.meshwatch.workflows.model.SlaSpec;
import java.util.List;

/**
 * The report as one self-contained HTML page: styles inline, charts as inline SVG, no script, no
 * font, no image and no link to fetch, so it opens offline, from a mail attachment or an archive
 * years later, and prints. Every text from the worker goes through {@link Html#escape}.
 */
public final class ReportHtml {

  private static final String STYLE = """
      :root { color-scheme: light; }
      body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #212121; background: #fff;
             margin: 24px auto; max-width: 1160px; padding: 0 16px; font-size: 14px; line-height: 1.4; }
      h1 { font-size: 26px; margin: 0 0 4px; }
      h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; padding-bottom: 4px; }
      h3 { font-size: 15px; margin: 16px 0 6px; }
      .meta { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 8px 0; color: #424242; }
      .meta dt { font-weight: bold; }
      .meta dd { margin: 0; }
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
      .card { border: 1px solid #e0e0e0; border-radius: 6px; padding: 10px 12px; }
      .card .label { color: #616161; font-size: 13px; }
      .card .value { font-size: 24px; font-weight: bold; margin: 2px 0; }
      .card .before { color: #616161; font-size: 12px; }
      .offenders { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 4px 24px; }
      table { border-collapse: collapse; margin: 4px 0 8px; }
      th, td { padding: 4px 8px; border-bottom: 1px solid #eeeeee; text-align: left; vertical-align: top; }
      th { background: #f5f5f5; font-weight: bold; font-size: 13px; max-width: 8.5em; }
      td { white-space: nowrap; }
      .figure { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      th.figure { white-space: normal; }
      .good { color: #2e7d32; }
      .bad { color: #c62828; font-weight: bold; }
      .warning { color: #8d5300; background: #fff3e0; }
      .none { color: #9e9e9e; }
      .notes { color: #424242; font-size: 13px; }
      .notes dt { font-weight: bold; margin-top: 6px; }
      .notes dd { margin-left: 16px; }
      svg.chart { max-width: 100%; height: auto; display: block; }
      @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg.chart, table { break-inside: avoid; } }
      """;

  private ReportHtml() {}

  public static String write(SlaReport report) {
    StringBuilder html = new StringBuilder(32_768);
    String title = "SLA report " + report.period().label() + report.domain().map(d -> ", domain " + d).orElse("");
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // No fetches of any kind: the page is complete as it is.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>Meshwatch ").append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");

    html.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<dl class=\"meta\">\n");
    meta(html, "Scope", report.domain().isEmpty() ? "the whole mesh" : "domain " + report.domain().get());
    meta(html, "Period", report.period().label() + ": " + ReportFormat.span(report.period()) + " (end exclusive)");
    meta(html, "Compared with", report.previous().label() + ": " + ReportFormat.span(report.previous()));
    meta(html, "Generated", ReportFormat.minute(report.generatedAt()) + " by meshwatch");
    html.append("</dl>\n</header>\n");

    html.append("<section id=\"summary\">\n");
    cards(html, ReportTables.headline(report), report);
    html.append("</section>\n");

    html.append("<section id=\"offenders\">\n<h2>Worst offenders</h2>\n");
    List<ReportTable> offenders = ReportTables.offenders(report);
    if (offenders.isEmpty()) {
      html.append("<p>None: every measured product met its target, had no breach, full quality and enough coverage.</p>\n");
    } else {
      html.append("<div class=\"offenders\">\n");
      for (ReportTable t : offenders) {
        html.append("<div>\n");
        table(html, "h3", t);
        html.append("</div>\n");
      }
      html.append("</div>\n");
    }
    html.append("</section>\n");

    html.append("<section id=\"charts\">\n<h2>Availability against target</h2>\n")
        .append(SvgCharts.availabilityVsTarget(report.products())).append('\n')
        .append("<h2>Trend</h2>\n").append(SvgCharts.availabilityTrend(report)).append('\n')
        .append("<h2>Quality</h2>\n").append(SvgCharts.quality(report.products())).append('\n')
        .append("</section>\n");

    html.append("<section id=\"domains\">\n");
    table(html, "h2", ReportTables.domains(report));
    html.append("</section>\n<section id=\"products\">\n");
    table(html, "h2", ReportTables.products(report));
    html.append("</section>\n");

    notes(html);
    return html.append("</body>\n</html>\n").toString();
  }

  private static void meta(StringBuilder html, String term, String value) {
    html.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
  }

  /** The headline table as cards: the figure large, the previous period's and the change small under it. */
  private static void cards(StringBuilder html, ReportTable headline, SlaReport report) {
    html.append("<h2>").append(Html.escape(headline.title())).append("</h2>\n<div class=\"cards\">\n");
    for (List<ReportTable.Cell> row : headline.rows()) {
      ReportTable.Cell now = row.get(1);
      ReportTable.Cell before = row.get(2);
      ReportTable.Cell change = row.get(3);
      html.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(row.get(0).text())).append("</div>")
          .append("<div class=\"value ").append(tone(now.tone())).append("\">").append(Html.escape(now.text())).append("</div>");
      if (!before.text().isEmpty()) {
        html.append("<div class=\"before\">").append(Html.escape(report.previous().label())).append(": ")
            .append(Html.escape(before.text()));
        if (!change.text().isEmpty()) {
          html.append(" · change <span class=\"").append(tone(change.tone())).append("\">").append(Html.escape(change.text()))
              .append("</span>");
        }
        html.append("</div>");
      }
      html.append("</div>\n");
    }
    html.append("</div>\n");
  }

  private static void table(StringBuilder html, String heading, ReportTable table) {
    html.append('<').append(heading).append('>').append(Html.escape(table.title())).append("</").append(heading).append(">\n");
    if (table.rows().isEmpty()) {
      html.append("<p class=\"none\">No products in this period.</p>\n");
      return;
    }
    html.append("<table>\n<thead><tr>");
    for (ReportTable.Column c : table.columns()) {
      html.append(c.figure() ? "<th class=\"figure\">" : "<th>").append(Html.escape(c.heading())).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (List<ReportTable.Cell> row : table.rows()) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        ReportTable.Cell cell = row.get(i);
        String classes = ((table.columns().get(i).figure() ? "figure " : "") + tone(cell.tone())).strip();
        html.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes + "\">").append(Html.escape(cell.text())).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  private static String tone(ReportTable.Tone tone) {
    return switch (tone) {
      case PLAIN -> "";
      case GOOD -> "good";
      case BAD -> "bad";
      case WARNING -> "warning";
      case NONE -> "none";
    };
  }

  private static void notes(StringBuilder html) {
    html.append("<footer>\n<h2>How to read this report</h2>\n<dl class=\"notes\">\n");
    note(html, "Availability", "time on time ÷ time measured, from the freshness timeline. Declared maintenance is left out, and"
        + " so is time the monitor could not measure: that lowers coverage, never availability.");
    note(html, "Coverage", "time measured ÷ time measurable (the period less maintenance and paused time). "
        + ReportTables.LOW_COVERAGE_MARK + " marks coverage below " + Math.round(100 * Figures.LOW_COVERAGE)
        + " %: the monitor was away too often to vouch for the availability.");
    note(html, "Target", "the product's availability target in force at the end of the period ("
        + ReportFormat.target(SlaSpec.DEFAULT_AVAILABILITY_TARGET) + " when its spec sets none).");
    note(html, "Quality score", "0 to 100: for each evaluation, the share of measured checks that passed (a warning counts half),"
        + " averaged over the period's evaluations. A domain's is the mean of its products'.");
    note(html, "Breaches", "incidents opened in the period, false positives left out. Mean times to acknowledge and to resolve"
        + " are from the incident's opening, over the breaches acknowledged or resolved.");
    note(html, "Change", "against the previous period of the same kind: percentage points (pp) for availability, score points"
        + " for quality.");
    note(html, ReportFormat.NONE, "nothing was measured, so there is no figure (not 0).");
    html.append("</dl>\n<p class=\"notes\">Domains and the mesh add up their products' seconds, so a long-measured product"
        + " weighs more than a product registered late. Definitions in full: docs/scores.md of meshwatch.</p>\n</footer>\n");
  }

  private static void note(StringBuilder html, String term, String text) {
    html.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(text)).append("</dd>\n");
  }
}
