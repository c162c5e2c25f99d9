package io.meshwatch.activities.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an expression reads and whether it is a row or an aggregate predicate, with the problems of
 * its shape: aggregates nested in aggregates, bare columns beside aggregates (which SQL would need
 * a GROUP BY for), and row predicates that read no column (constant for every row).
 */
record Shape(ExpressionKind kind, List<String> columns, List<String> problems) {

  static Shape of(Expr root) {
    Walk walk = new Walk();
    walk.visit(root, false);
    List<String> problems = new ArrayList<>();
    if (!walk.nestedAggregates.isEmpty()) {
      problems.add("aggregates cannot be nested: " + String.join(", ", walk.nestedAggregates));
    }
    ExpressionKind kind = walk.aggregates ? ExpressionKind.AGGREGATE_PREDICATE : ExpressionKind.ROW_PREDICATE;
    if (walk.aggregates && !walk.bareColumns.isEmpty()) {
      problems.add("the expression mixes aggregates with bare columns (" + String.join(", ", walk.bareColumns)
          + "); put every column inside an aggregate, or make it a row check without aggregates");
    }
    if (!walk.aggregates && walk.columns.isEmpty()) {
      problems.add("the expression reads no column, so it would be the same for every row; name a column");
    }
    return new Shape(kind, List.copyOf(walk.columns), List.copyOf(problems));
  }

  private static final class Walk {
    final Set<String> columns = new LinkedHashSet<>();
    final Set<String> bareColumns = new LinkedHashSet<>();
    final Set<String> nestedAggregates = new LinkedHashSet<>();
    boolean aggregates;

    void visit(Expr expr, boolean insideAggregate) {
      if (expr instanceof Expr.ColumnRef c) {
        columns.add(c.name());
        if (!insideAggregate) {
          bareColumns.add(c.name());
        }
        return;
      }
      boolean aggregate = expr instanceof Expr.AggregateCall;
      if (aggregate) {
        aggregates = true;
        if (insideAggregate) {
          nestedAggregates.add(ExpressionPrinter.print(expr));
        }
      }
      for (Expr child : expr.children()) {
        visit(child, insideAggregate || aggregate);
      }
    }
  }
}
