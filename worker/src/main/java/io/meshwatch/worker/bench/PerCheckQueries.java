package io.meshwatch.worker.bench;

import io.meshwatch.activities.checks.FusedScanPlanner;
import io.meshwatch.activities.checks.Measurement;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckPlan;
import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders each data check of a product as its own query. So that the comparison with meshwatch is
 * fair, every condition is the one meshwatch's planner renders for that check in the warehouse's
 * dialect: each check is planned alone, and a row-level check is then turned into the form dbt's
 * tests use, {@code SELECT count(*) FROM t WHERE <violation>}, which lets the engine filter inside
 * its scan. Completeness needs the row count beside the complete rows and an aggregate predicate
 * is judged over the whole table, so those two run as planned.
 */
final class PerCheckQueries {

  private static final String MARKER = "<condition>";

  private final FusedScanPlanner planner = new FusedScanPlanner(new ExpressionParser());

  /** The data checks of a spec, in the order meshwatch plans them: every check but freshness and schema. */
  static List<Check> dataChecks(ProductSpec spec) {
    return CheckPlan.of(spec).stream()
        .filter(c -> !(c instanceof Check.Freshness) && !(c instanceof Check.SchemaConformance))
        .toList();
  }

  List<PerCheckQuery> render(ProductSpec spec, ResolvedTable table, Dialect dialect, Instant scheduledAt) {
    List<PerCheckQuery> queries = new ArrayList<>();
    for (Check check : dataChecks(spec)) {
      ScanPlan plan = planner.plan(List.of(check), spec.quality(), table, dialect, scheduledAt);
      if (!plan.settled().isEmpty() || plan.measurements().size() != 1) {
        throw new IllegalStateException("check " + check.id() + " of " + spec.id() + " cannot be measured by a query: "
            + plan.settled());
      }
      ScanQuery query = plan.query();
      queries.add(switch (plan.measurements().get(0)) {
        case Measurement.NullCount m -> violatingRows(check, query, table, dialect);
        case Measurement.PiiViolations m -> violatingRows(check, query, table, dialect);
        case Measurement.RowPredicateViolations m -> violatingRows(check, query, table, dialect);
        case Measurement.CompleteCount m ->
            new PerCheckQuery(check.id(), query.sql(), query.parameters(), PerCheckQuery.Result.ROWS_AND_COMPLETE);
        case Measurement.AggregatePredicate m ->
            new PerCheckQuery(check.id(), query.sql(), query.parameters(), PerCheckQuery.Result.ROWS_AND_TRUTH);
      });
    }
    return queries;
  }

  /**
   * Rewrites the planner's single-check query, {@code SELECT count(*) AS m0, <count where c> AS m1
   * FROM t [WHERE scope]}, as {@code SELECT count(*) FROM t WHERE [scope AND] (c)}.
   */
  private static PerCheckQuery violatingRows(Check check, ScanQuery query, ResolvedTable table, Dialect dialect) {
    String head = Dialect.STATEMENT_LABEL + " SELECT count(*) AS m0, ";
    String from = " AS m1 FROM " + dialect.tableName(table.name());
    String wrapped = dialect.countWhere(MARKER);
    String prefix = wrapped.substring(0, wrapped.indexOf(MARKER));
    String suffix = wrapped.substring(wrapped.indexOf(MARKER) + MARKER.length());
    String sql = query.sql();
    int end = sql.indexOf(from);
    if (!sql.startsWith(head) || end < 0) {
      throw new IllegalStateException("unexpected query shape for " + check.id() + ": " + sql);
    }
    String measure = sql.substring(head.length(), end);
    if (!measure.startsWith(prefix) || !measure.endsWith(suffix)) {
      throw new IllegalStateException("unexpected measurement for " + check.id() + ": " + measure);
    }
    String condition = measure.substring(prefix.length(), measure.length() - suffix.length());
    String scope = sql.substring(end + from.length());
    String where = scope.isEmpty() ? " WHERE " + condition : scope + " AND (" + condition + ")";
    return new PerCheckQuery(check.id(),
        Dialect.STATEMENT_LABEL + " SELECT count(*) FROM " + dialect.tableName(table.name()) + where,
        query.parameters(), PerCheckQuery.Result.VIOLATING_ROWS);
  }
}
