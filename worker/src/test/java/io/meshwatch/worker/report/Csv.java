package io.meshwatch.worker.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads RFC 4180 CSV back, independently of the writer: quoted fields, doubled quotes, CRLF records. */
public final class Csv {

  private Csv() {}

  /** The records of {@code text}, each a list of fields. */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
        continue;
      } else if (c == '"' || c == '\n' || c == '\r') {
        throw new IllegalArgumentException("not RFC 4180: unquoted " + (c == '"' ? "quote" : "line break") + " at " + i);
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("not RFC 4180: a quoted field is not closed");
    }
    if (!field.isEmpty() || !record.isEmpty()) {
      throw new IllegalArgumentException("not RFC 4180: the last record does not end with CRLF");
    }
    return records;
  }

  /** The records after the header, each as column name to field. */
  public static List<Map<String, String>> rows(String text) {
    List<List<String>> records = parse(text);
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      if (record.size() != header.size()) {
        throw new IllegalArgumentException("a record has " + record.size() + " fields for " + header.size() + " columns: " + record);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), record.get(c));
      }
      rows.add(row);
    }
    return rows;
  }
}
