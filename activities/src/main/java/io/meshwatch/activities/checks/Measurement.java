package io.meshwatch.activities.checks;

import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.PiiHandling;

/**
 * One value the fused scan computes for one check, at a position of its single result row
 * (position 0 is always the number of rows in scope).
 */
public sealed interface Measurement {

  Check check();

  int position();

  /** Rows where the column is NULL. */
  record NullCount(Check.NotNull check, String column, int position) implements Measurement {}

  /** Rows where every non-nullable column has a value. */
  record CompleteCount(Check.Completeness check, int position) implements Measurement {}

  /** Rows whose value breaks the column's PII handling rule. */
  record PiiViolations(Check.PiiConformance check, String column, PiiHandling handling, int position)
      implements Measurement {}

  /** Rows for which a custom row predicate is false (NULL is not a violation). */
  record RowPredicateViolations(Check.Custom check, int position) implements Measurement {}

  /** The truth value of a custom aggregate predicate over the scope. */
  record AggregatePredicate(Check.Custom check, int position) implements Measurement {}
}
