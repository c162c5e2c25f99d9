package io.meshwatch.activities.expr;

/**
 * How a custom check is measured. A row predicate is held by every row of the scope (a row
 * violates it when it evaluates to false); an aggregate predicate is one truth value over the
 * whole scope ({@code count(*) > 0}).
 */
public enum ExpressionKind {
  ROW_PREDICATE,
  AGGREGATE_PREDICATE
}
