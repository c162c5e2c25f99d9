package io.meshwatch.activities.checks;

import io.meshwatch.activities.expr.CustomExpression;
import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.expr.ExpressionTyping;
import io.meshwatch.activities.expr.ParseResult;
import io.meshwatch.activities.expr.ParsedExpressions;
import io.meshwatch.activities.expr.ValueType;
import io.meshwatch.activities.sql.ColumnBinding;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ExpressionRenderer;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.QualitySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans one evaluation's single scan (DESIGN §5 "Cost"): every row-level and aggregate check of the
 * plan becomes one column of one {@code SELECT} over the product's table, scoped by a bound
 * parameter when {@code quality.partition_column} and {@code quality.lookback} are given:
 *
 * <pre>
 * /* meshwatch *&#47; SELECT count(*) AS m0,
 *   count(*) FILTER (WHERE "order_id" IS NULL) AS m1,                          -- not null
 *   count(*) FILTER (WHERE "order_id" IS NOT NULL AND ...) AS m2,              -- completeness
 *   count(*) FILTER (WHERE ("customer_id" IS NOT NULL AND NOT ...)) AS m3,     -- PII handling
 *   count(*) FILTER (WHERE NOT ("revenue_usd" >= 0)) AS m4,                   -- custom row predicate
 *   ((count(*) > 0)) AS m5                                                     -- custom aggregate
 * FROM "main"."orders" WHERE "day" >= ?
 * </pre>
 *
 * A check that reads a column the table lacks, an expression that no longer parses or does not
 * type-check against the table, and a PII handling that cannot be verified are settled here and
 * left out of the query, so the other checks still run. Freshness and schema are not scan checks
 * and are ignored.
 */
public final class FusedScanPlanner {

  /** Distinct expression texts kept parsed: far more than the custom checks of a worker's products. */
  private static final int PARSED_EXPRESSIONS = 4096;

  private final ParsedExpressions expressions;

  public FusedScanPlanner(ExpressionParser parser) {
    this.expressions = new ParsedExpressions(parser, PARSED_EXPRESSIONS);
  }

  public ScanPlan plan(List<Check> checks, QualitySpec quality, ResolvedTable table, Dialect dialect,
      Instant scheduledAt) {
    Builder builder = new Builder(table, dialect);
    for (Check check : checks) {
      switch (check) {
        case Check.Freshness freshness -> {}
        case Check.SchemaConformance schema -> {}
        case Check.NotNull notNull -> builder.notNull(notNull);
        case Check.Completeness completeness -> builder.completeness(completeness);
        case Check.PiiConformance pii -> builder.pii(pii);
        case Check.Custom custom -> builder.custom(custom, expressions.parse(custom.expr()));
      }
    }
    return builder.build(quality, scheduledAt);
  }

  private static final class Builder {
    private final ResolvedTable table;
    private final Dialect dialect;
    private final List<String> selectList = new ArrayList<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<CheckResult> settled = new ArrayList<>();

    Builder(ResolvedTable table, Dialect dialect) {
      this.table = table;
      this.dialect = dialect;
      selectList.add("count(*)");
    }

    void notNull(Check.NotNull check) {
      Optional<TableColumn> column = table.column(check.column());
      if (column.isEmpty()) {
        settled.add(missing(check, List.of(check.column())));
        return;
      }
      measurements.add(new Measurement.NullCount(check, column.get().name(), next()));
      selectList.add(dialect.countWhere(quoted(column.get()) + " IS NULL"));
    }

    void completeness(Check.Completeness check) {
      List<String> absent = check.columns().stream().filter(c -> table.column(c).isEmpty()).toList();
      if (!absent.isEmpty()) {
        settled.add(missing(check, absent));
        return;
      }
      String allPresent = check.columns().stream()
          .map(c -> quoted(table.column(c).orElseThrow()) + " IS NOT NULL")
          .collect(Collectors.joining(" AND "));
      measurements.add(new Measurement.CompleteCount(check, next()));
      selectList.add(dialect.countWhere(allPresent));
    }

    void pii(Check.PiiConformance check) {
      Optional<TableColumn> column = table.column(check.column());
      if (column.isEmpty()) {
        settled.add(missing(check, List.of(check.column())));
        return;
      }
      String reason = PiiRules.notEvaluatedReason(check.handling());
      if (reason == null && column.get().family() == TypeFamily.BINARY) {
        reason = "column " + column.get().name() + " is binary (" + column.get().typeName()
            + "); the " + check.handling().specName() + " rule reads text";
      }
      if (reason != null) {
        settled.add(CheckResult.notEvaluated(check, reason));
        return;
      }
      measurements.add(new Measurement.PiiViolations(check, column.get().name(), check.handling(), next()));
      selectList.add(dialect.countWhere(PiiRules.violation(check.handling(), quoted(column.get()),
          column.get().family() == TypeFamily.STRING, dialect)));
    }

    void custom(Check.Custom check, ParseResult parsed) {
      CustomExpression expression = switch (parsed) {
        case ParseResult.Accepted accepted -> accepted.expression();
        case ParseResult.Refused refused -> {
          settled.add(CheckResult.error(check, "the expression is not allowed: " + String.join("; ", refused.problems())));
          yield null;
        }
      };
      if (expression == null) {
        return;
      }
      List<String> absent = expression.columns().stream().filter(c -> table.column(c).isEmpty()).toList();
      if (!absent.isEmpty()) {
        settled.add(missing(check, absent));
        return;
      }
      List<String> typing = ExpressionTyping.problems(expression.root(), this::valueType);
      if (!typing.isEmpty()) {
        settled.add(CheckResult.error(check, "the expression does not fit the table's column types: "
            + String.join("; ", typing)));
        return;
      }
      String predicate = new ExpressionRenderer(dialect, c -> {
        TableColumn column = table.column(c).orElseThrow();
        return new ColumnBinding(column.name(), column.family());
      }).render(expression.root());
      switch (expression.kind()) {
        case ROW_PREDICATE -> {
          measurements.add(new Measurement.RowPredicateViolations(check, next()));
          // NOT (p) is true only where p is false: a row where p is NULL is not a violation.
          selectList.add(dialect.countWhere("NOT " + predicate));
        }
        case AGGREGATE_PREDICATE -> {
          measurements.add(new Measurement.AggregatePredicate(check, next()));
          selectList.add("(" + predicate + ")");
        }
      }
    }

    ScanPlan build(QualitySpec quality, Instant scheduledAt) {
      Scope scope = scope(quality, scheduledAt);
      if (scope.problem() != null) {
        List<CheckResult> all = new ArrayList<>(settled);
        measurements.forEach(m -> all.add(CheckResult.error(m.check(), scope.problem())));
        return new ScanPlan(null, List.of(), all, scope.description());
      }
      if (measurements.isEmpty()) {
        return new ScanPlan(null, List.of(), settled, scope.description());
      }
      StringBuilder sql = new StringBuilder(Dialect.STATEMENT_LABEL).append(" SELECT ");
      for (int i = 0; i < selectList.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(selectList.get(i)).append(" AS m").append(i);
      }
      sql.append(" FROM ").append(dialect.tableName(table.name()));
      List<Object> parameters = new ArrayList<>();
      if (scope.condition() != null) {
        sql.append(" WHERE ").append(scope.condition());
        parameters.add(scope.parameter());
      }
      ScanQuery query = new ScanQuery(sql.toString(), parameters, selectList.size(), table.name());
      return new ScanPlan(query, measurements, settled, scope.description());
    }

    private record Scope(String condition, Object parameter, String description, String problem) {}

    private Scope scope(QualitySpec quality, Instant scheduledAt) {
      if (quality.partitionColumn() == null || quality.lookback() == null) {
        return new Scope(null, null, "all rows of " + table.name().display(), null);
      }
      Optional<Duration> lookback = Lookback.parse(quality.lookback());
      if (lookback.isEmpty()) {
        return new Scope(null, null, "", "quality.lookback '" + quality.lookback()
            + "' is not a duration such as 12h, 3d or P3D; the scan was not run");
      }
      Optional<TableColumn> column = table.column(quality.partitionColumn());
      if (column.isEmpty()) {
        return new Scope(null, null, "", "the partition column " + quality.partitionColumn() + " is not in table "
            + table.name().display() + "; the scan was not run");
      }
      Instant cutoff = scheduledAt.minus(lookback.get());
      Object parameter = dialect.instantParameter(cutoff, column.get().family());
      if (parameter == null) {
        return new Scope(null, null, "", "the partition column " + column.get().name() + " is "
            + column.get().typeName() + "; scoping by lookback needs a date, a timestamp or ISO date text;"
            + " the scan was not run");
      }
      return new Scope(dialect.atOrAfterParameter(quoted(column.get()), column.get().family()), parameter,
          "rows of " + table.name().display() + " with " + column.get().name() + " at or after " + parameter
              + " (lookback " + quality.lookback() + ")",
          null);
    }

    private ValueType valueType(String column) {
      return table.column(column).map(c -> c.family().valueType()).orElse(ValueType.UNKNOWN);
    }

    private String quoted(TableColumn column) {
      return dialect.quoteIdentifier(column.name());
    }

    private int next() {
      return selectList.size();
    }

    private CheckResult missing(Check check, List<String> columns) {
      Set<String> unique = new LinkedHashSet<>(columns);
      return CheckResult.error(check, (unique.size() == 1 ? "column " : "columns ")
          + String.join(", ", unique) + (unique.size() == 1 ? " is" : " are") + " not in table "
          + table.name().display() + "; the check was left out of the scan");
    }
  }
}
