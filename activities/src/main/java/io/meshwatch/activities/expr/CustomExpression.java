package io.meshwatch.activities.expr;

import java.util.List;
import java.util.Objects;

/**
 * An accepted custom check expression: its source text, its tree, whether it is a row or an
 * aggregate predicate, and the column names it reads (as written, in order of first use).
 */
public record CustomExpression(String text, Expr root, ExpressionKind kind, List<String> columns) {

  public CustomExpression {
    Objects.requireNonNull(text);
    Objects.requireNonNull(root);
    Objects.requireNonNull(kind);
    columns = List.copyOf(columns);
  }
}
