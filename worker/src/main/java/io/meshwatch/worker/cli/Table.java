package io.meshwatch.worker.cli;

import java.util.List;

/** A plain-text table for people: columns padded to their widest cell, two spaces apart, no trailing blanks. */
final class Table {

  private Table() {}

  static String render(List<String[]> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
