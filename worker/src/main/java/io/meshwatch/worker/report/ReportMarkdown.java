package io.meshwatch.worker.report;

import java.util.List;

/**
 * The report as Markdown (CommonMark/GitHub tables), for a wiki page or a pull request. Every text
 * from the worker is escaped: a product or domain name cannot open a link, an HTML tag or a new
 * table cell.
 */
public final class ReportMarkdown {

  private ReportMarkdown() {}

  public static String write(SlaReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Meshwatch SLA report: ").append(text(report.period().label()))
        .append(report.domain().map(d -> ", domain " + text(d)).orElse("")).append("\n\n");
    md.append("- Period: ").append(ReportFormat.span(report.period())).append(" (end exclusive)\n");
    md.append("- Compared with: ").append(text(report.previous().label())).append(", ")
        .append(ReportFormat.span(report.previous())).append('\n');
    md.append("- Generated: ").append(ReportFormat.minute(report.generatedAt())).append('\n');
    md.append("- ").append(ReportFormat.NONE).append(" means nothing was measured; ").append(ReportTables.LOW_COVERAGE_MARK)
        .append(" marks coverage below ").append(Math.round(100 * Figures.LOW_COVERAGE))
        .append(" %: the monitor measured too little of the period to vouch for the availability. Figures as defined in")
        .append(" meshwatch's docs/scores.md.\n\n");

    table(md, "##", ReportTables.headline(report));
    List<ReportTable> offenders = ReportTables.offenders(report);
    md.append("## Worst offenders\n\n");
    if (offenders.isEmpty()) {
      md.append("None: every measured product met its target, had no breach, full quality and enough coverage.\n\n");
    }
    for (ReportTable t : offenders) {
      table(md, "###", t);
    }
    table(md, "##", ReportTables.domains(report));
    table(md, "##", ReportTables.products(report));
    return md.toString();
  }

  private static void table(StringBuilder md, String level, ReportTable table) {
    md.append(level).append(' ').append(text(table.title())).append("\n\n");
    if (table.rows().isEmpty()) {
      md.append("No products in this period.\n\n");
      return;
    }
    md.append('|');
    table.columns().forEach(c -> md.append(' ').append(text(c.heading())).append(" |"));
    md.append("\n|");
    table.columns().forEach(c -> md.append(c.figure() ? " ---: |" : " --- |"));
    md.append('\n');
    for (List<ReportTable.Cell> row : table.rows()) {
      md.append('|');
      row.forEach(cell -> md.append(' ').append(cell(cell)).append(" |"));
      md.append('\n');
    }
    md.append('\n');
  }

  /** A missed target in bold, so it stands out where the HTML uses colour. */
  private static String cell(ReportTable.Cell cell) {
    String text = text(cell.text());
    return cell.tone() == ReportTable.Tone.BAD && !text.isEmpty() ? "**" + text + "**" : text;
  }

  /**
   * Text as Markdown shows it literally: emphasis, code, link and table punctuation is
   * backslash-escaped (a cell never starts a line, so heading and list marks need nothing), {@code <}, {@code >} and {@code &} become entities (no raw HTML), and a line
   * break becomes a space (it would end the table row).
   */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\r', '\n' -> out.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
