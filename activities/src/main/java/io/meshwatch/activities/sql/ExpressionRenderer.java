package io.meshwatch.activities.sql;

import io.meshwatch.activities.expr.Expr;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders meshwatch's expression tree as SQL of one dialect. Every compound is parenthesised, so
 * the tree's structure, not operator precedence, decides the meaning; column names are mapped to
 * the table's actual names and quoted; literals are re-written from their values, never copied
 * from the spec's text.
 */
public final class ExpressionRenderer {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private final Dialect dialect;
  private final Function<String, ColumnBinding> columns;

  /**
   * @param columns maps a column name as written in the expression to the table's column; the
   *     planner resolves every name before rendering
   */
  public ExpressionRenderer(Dialect dialect, Function<String, ColumnBinding> columns) {
    this.dialect = dialect;
    this.columns = columns;
  }

  public String render(Expr expr) {
    return switch (expr) {
      case Expr.ColumnRef c -> dialect.quoteIdentifier(columns.apply(c.name()).name());
      case Expr.NumberLiteral n -> n.value().signum() < 0 ? "(" + n.value() + ")" : n.value().toString();
      case Expr.StringLiteral s -> dialect.stringLiteral(s.value());
      case Expr.BooleanLiteral b -> b.value() ? "TRUE" : "FALSE";
      case Expr.NullLiteral n -> "NULL";
      case Expr.DateLiteral d -> dialect.dateLiteral(d.value().toString());
      case Expr.TimestampLiteral t -> dialect.timestampLiteral(TIMESTAMP.format(t.value()));
      case Expr.Comparison c -> "(" + render(c.left()) + " " + c.operator().symbol() + " " + render(c.right()) + ")";
      case Expr.And a -> "(" + render(a.left()) + " AND " + render(a.right()) + ")";
      case Expr.Or o -> "(" + render(o.left()) + " OR " + render(o.right()) + ")";
      case Expr.Not n -> "(NOT " + render(n.operand()) + ")";
      case Expr.Arithmetic a -> arithmetic(a);
      case Expr.Negate n -> "(-" + widened(n.operand()) + ")";
      case Expr.IsNull i -> "(" + render(i.operand()) + (i.negated() ? " IS NOT NULL)" : " IS NULL)");
      case Expr.Between b -> "(" + render(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ")
          + render(b.low()) + " AND " + render(b.high()) + ")";
      case Expr.In i -> "(" + render(i.operand()) + (i.negated() ? " NOT IN (" : " IN (")
          + i.values().stream().map(this::render).collect(Collectors.joining(", ")) + "))";
      case Expr.Like l -> {
        String like = dialect.like(render(l.operand()), l.pattern().value(), l.caseInsensitive());
        yield l.negated() ? "(NOT " + like + ")" : like;
      }
      case Expr.Case c -> "(CASE"
          + c.branches().stream()
              .map(b -> " WHEN " + render(b.condition()) + " THEN " + render(b.result()))
              .collect(Collectors.joining())
          + (c.otherwise() == null ? "" : " ELSE " + render(c.otherwise()))
          + " END)";
      case Expr.RowCall r -> rowCall(r);
      case Expr.AggregateCall a -> a.countsRows()
          ? "count(*)"
          : a.function().sqlName() + "(" + (a.distinct() ? "DISTINCT " : "") + render(a.argument()) + ")";
    };
  }

  private String arithmetic(Expr.Arithmetic a) {
    return switch (a.operator()) {
      case ADD, SUBTRACT, MULTIPLY -> "(" + widened(a.left()) + " " + a.operator().symbol() + " " + widened(a.right()) + ")";
      case DIVIDE -> dialect.divide(render(a.left()), render(a.right()));
      case MODULO -> dialect.modulo(render(a.left()), render(a.right()));
    };
  }

  /** An operand of +, - or *: integer columns and whole-number literals are widened. */
  private String widened(Expr operand) {
    boolean integer = (operand instanceof Expr.ColumnRef c && columns.apply(c.name()).family() == TypeFamily.INTEGER)
        || (operand instanceof Expr.NumberLiteral n && n.value().stripTrailingZeros().scale() <= 0);
    return integer ? dialect.widenInteger(render(operand)) : render(operand);
  }

  private String rowCall(Expr.RowCall call) {
    List<Expr> args = call.arguments();
    return switch (call.function()) {
      case ROUND -> args.size() == 2
          ? dialect.round(render(args.get(0)), ((Expr.NumberLiteral) args.get(1)).value().intValueExact())
          : "round(" + render(args.get(0)) + ")";
      case LEAST, GREATEST -> dialect.skipsNullsInLeastGreatest()
          ? call(call, args.stream().map(this::render).toList())
          : call(call, nullsSkipped(args.stream().map(this::render).toList()));
      case ABS, FLOOR, CEIL, LENGTH, LOWER, UPPER, TRIM, COALESCE, NULLIF ->
          call(call, args.stream().map(this::render).toList());
    };
  }

  private String call(Expr.RowCall call, List<String> arguments) {
    return dialect.functionName(call.function()) + "(" + String.join(", ", arguments) + ")";
  }

  /**
   * The arguments of {@code least}/{@code greatest} for an engine whose forms return NULL when any
   * argument is NULL (BigQuery): each argument becomes {@code COALESCE(itself, the others...)}. A NULL
   * argument then stands in as one of the other values, which cannot move the least or greatest, and
   * the result is NULL only when every argument is — what PostgreSQL and DuckDB return.
   */
  private static List<String> nullsSkipped(List<String> arguments) {
    List<String> replaced = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      List<String> order = new ArrayList<>(arguments.subList(i, arguments.size()));
      order.addAll(arguments.subList(0, i));
      replaced.add("COALESCE(" + String.join(", ", order) + ")");
    }
    return replaced;
  }
}
