package io.meshwatch.worker.report;

import java.util.List;
import java.util.Objects;

/**
 * A table of the report, as both the HTML page and the Markdown file show it: the same rows and the
 * same formatted figures, so the two never disagree.
 */
public record ReportTable(String title, List<Column> columns, List<List<Cell>> rows) {

  public ReportTable {
    Objects.requireNonNull(title, "title");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<Cell> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row of '" + title + "' has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** A column heading; figures are right-aligned so their digits line up. */
  public record Column(String heading, boolean figure) {}

  /** One cell: its text and how it reads. */
  public record Cell(String text, Tone tone) {
    public Cell {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(tone, "tone");
    }

    static Cell plain(String text) {
      return new Cell(text, Tone.PLAIN);
    }
  }

  /** What a cell tells at a glance: a target met or missed, a figure to distrust, nothing measured. */
  public enum Tone { PLAIN, GOOD, BAD, WARNING, NONE }
}
