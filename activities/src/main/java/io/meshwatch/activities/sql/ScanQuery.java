package io.meshwatch.activities.sql;

import java.util.List;
import java.util.Objects;

/**
 * A rendered, read-only statement that returns exactly one row of {@code columns} values, with its
 * positional parameters. Only the planner builds these, from meshwatch's own trees. {@code table} is
 * the table the statement reads, as rendered in its {@code FROM} (null when not known), so an
 * adapter that serves the table from elsewhere — Delta's data files — can supply it.
 */
public record ScanQuery(String sql, List<Object> parameters, int columns, TableName table) {

  public ScanQuery {
    Objects.requireNonNull(sql);
    parameters = List.copyOf(parameters);
  }

  public ScanQuery(String sql, List<Object> parameters, int columns) {
    this(sql, parameters, columns, null);
  }
}
