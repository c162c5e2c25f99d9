package io.meshwatch.activities.sql;

import java.util.List;
import java.util.Objects;

/**
 * A rendered, read-only statement that returns exactly one row of {@code columns} values, with its
 * positional parameters. Only the planner builds these, from meshwatch's own trees.
 */
public record ScanQuery(String sql, List<Object> parameters, int columns) {

  public ScanQuery {
    Objects.requireNonNull(sql);
    parameters = List.copyOf(parameters);
  }
}
