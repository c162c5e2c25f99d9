package io.meshwatch.activities.checks;

import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the fused scan's single row into check results: counts and ratios only, never values, and
 * messages that name columns and expressions but no data. An empty scope leaves every row-level
 * check NOT_EVALUATED (there is nothing to hold a ratio or a rule against); aggregate predicates are
 * still judged, so {@code count(*) > 0} fails on an empty table.
 */
public final class ScanResults {

  private ScanResults() {}

  /** The results of a plan whose scan returned {@code row}, settled results included. */
  public static List<CheckResult> interpret(ScanPlan plan, ScanRow row) {
    List<CheckResult> results = new ArrayList<>(plan.settled());
    long rows = row.count(0);
    for (Measurement measurement : plan.measurements()) {
      results.add(interpret(measurement, row, rows, plan.scope()));
    }
    return results;
  }

  /** The results of a plan whose scan could not run: every scan check is ERROR with the reason. */
  public static List<CheckResult> failed(ScanPlan plan, String reason) {
    List<CheckResult> results = new ArrayList<>(plan.settled());
    for (Measurement measurement : plan.measurements()) {
      results.add(CheckResult.error(measurement.check(), reason));
    }
    return results;
  }

  private static CheckResult interpret(Measurement measurement, ScanRow row, long rows, String scope) {
    if (rows == 0 && !(measurement instanceof Measurement.AggregatePredicate)) {
      return CheckResult.notEvaluated(measurement.check(), "no rows in scope (" + scope + ")");
    }
    return switch (measurement) {
      case Measurement.NullCount m -> {
        long nulls = row.count(m.position());
        yield new CheckResult(m.check().id(), m.check().kind(), nulls == 0 ? Outcome.PASS : Outcome.FAIL,
            (double) nulls, 0.0, nulls, rows,
            nulls == 0 ? null : nulls + " of " + rows + " rows have no value in " + m.column());
      }
      case Measurement.CompleteCount m -> {
        long complete = row.count(m.position());
        double ratio = (double) complete / rows;
        double threshold = m.check().threshold();
        boolean pass = ratio >= threshold;
        yield new CheckResult(m.check().id(), m.check().kind(), pass ? Outcome.PASS : Outcome.FAIL,
            ratio, threshold, rows - complete, rows,
            pass ? null : percent(ratio) + " of rows are complete (" + complete + " of " + rows + ", every one of "
                + String.join(", ", m.check().columns()) + " present); the threshold is " + percent(threshold));
      }
      case Measurement.PiiViolations m -> {
        long violations = row.count(m.position());
        yield new CheckResult(m.check().id(), m.check().kind(), violations == 0 ? Outcome.PASS : Outcome.FAIL,
            (double) violations, 0.0, violations, rows,
            violations == 0 ? null : violations + " of " + rows + " rows hold a " + m.column()
                + " value that is not " + PiiRules.describe(m.handling()) + " (pii_handling "
                + m.handling().specName() + ")");
      }
      case Measurement.RowPredicateViolations m -> {
        long violations = row.count(m.position());
        double tolerance = m.check().tolerance();
        boolean breach = violations > tolerance;
        String counted = violations + " of " + rows + " rows violate " + m.check().expr()
            + " (tolerance " + count(tolerance) + ")";
        yield new CheckResult(m.check().id(), m.check().kind(),
            breach ? outcomeOf(m.check().severity()) : Outcome.PASS, (double) violations, tolerance, violations, rows,
            violations == 0 ? null : counted);
      }
      case Measurement.AggregatePredicate m -> aggregate(m, row.truth(m.position()), rows);
    };
  }

  private static CheckResult aggregate(Measurement.AggregatePredicate m, Boolean truth, long rows) {
    Check.Custom check = m.check();
    if (truth == null) {
      return new CheckResult(check.id(), check.kind(), Outcome.NOT_EVALUATED, null, null, null, rows,
          check.expr() + " evaluated to NULL over " + rows + " rows in scope (an aggregate over no values is NULL)");
    }
    return new CheckResult(check.id(), check.kind(), truth ? Outcome.PASS : outcomeOf(check.severity()),
        truth ? 1.0 : 0.0, null, null, rows,
        truth ? null : check.expr() + " is false over " + rows + " rows in scope");
  }

  private static Outcome outcomeOf(Severity severity) {
    return switch (severity) {
      case WARN -> Outcome.WARN;
      case FAIL -> Outcome.FAIL;
    };
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }

  private static String count(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
