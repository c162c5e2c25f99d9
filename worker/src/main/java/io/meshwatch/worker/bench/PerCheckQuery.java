package io.meshwatch.worker.bench;

import java.util.List;
import java.util.Objects;

/**
 * One check as its own statement, the way dbt tests and Great Expectations run checks. {@code result}
 * says how to read its single row.
 */
record PerCheckQuery(String checkId, String sql, List<Object> parameters, Result result) {

  enum Result {
    /** One column: the rows that violate the check. */
    VIOLATING_ROWS,
    /** The rows in scope, then the complete rows among them. */
    ROWS_AND_COMPLETE,
    /** The rows in scope, then the aggregate predicate's truth value. */
    ROWS_AND_TRUTH
  }

  PerCheckQuery {
    Objects.requireNonNull(checkId);
    Objects.requireNonNull(sql);
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(result);
  }
}
