package io.meshwatch.activities.expr;

import java.util.stream.Collectors;

/**
 * Prints an expression tree as canonical, dialect-neutral text, for messages and tests. It is never
 * sent to a warehouse: the planner renders per dialect.
 */
public final class ExpressionPrinter {

  private ExpressionPrinter() {}

  public static String print(Expr expr) {
    return switch (expr) {
      case Expr.ColumnRef c -> c.name();
      case Expr.NumberLiteral n -> n.value().toString();
      case Expr.StringLiteral s -> "'" + s.value().replace("'", "''") + "'";
      case Expr.BooleanLiteral b -> b.value() ? "TRUE" : "FALSE";
      case Expr.NullLiteral n -> "NULL";
      case Expr.DateLiteral d -> "DATE '" + d.value() + "'";
      case Expr.TimestampLiteral t -> "TIMESTAMP '" + t.value().toString().replace('T', ' ') + "'";
      case Expr.Comparison c -> "(" + print(c.left()) + " " + c.operator().symbol() + " " + print(c.right()) + ")";
      case Expr.And a -> "(" + print(a.left()) + " AND " + print(a.right()) + ")";
      case Expr.Or o -> "(" + print(o.left()) + " OR " + print(o.right()) + ")";
      case Expr.Not n -> "(NOT " + print(n.operand()) + ")";
      case Expr.Arithmetic a -> "(" + print(a.left()) + " " + a.operator().symbol() + " " + print(a.right()) + ")";
      case Expr.Negate n -> "(-" + print(n.operand()) + ")";
      case Expr.IsNull i -> "(" + print(i.operand()) + (i.negated() ? " IS NOT NULL)" : " IS NULL)");
      case Expr.Between b -> "(" + print(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ")
          + print(b.low()) + " AND " + print(b.high()) + ")";
      case Expr.In i -> "(" + print(i.operand()) + (i.negated() ? " NOT IN (" : " IN (")
          + i.values().stream().map(ExpressionPrinter::print).collect(Collectors.joining(", ")) + "))";
      case Expr.Like l -> "(" + print(l.operand()) + (l.negated() ? " NOT" : "")
          + (l.caseInsensitive() ? " ILIKE " : " LIKE ") + print(l.pattern()) + ")";
      case Expr.Case c -> "CASE"
          + c.branches().stream()
              .map(b -> " WHEN " + print(b.condition()) + " THEN " + print(b.result()))
              .collect(Collectors.joining())
          + (c.otherwise() == null ? "" : " ELSE " + print(c.otherwise()))
          + " END";
      case Expr.RowCall r -> r.function().sqlName() + "("
          + r.arguments().stream().map(ExpressionPrinter::print).collect(Collectors.joining(", ")) + ")";
      case Expr.AggregateCall a -> a.function().sqlName() + "("
          + (a.countsRows() ? "*" : (a.distinct() ? "DISTINCT " : "") + print(a.argument())) + ")";
    };
  }
}
