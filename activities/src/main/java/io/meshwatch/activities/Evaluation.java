package io.meshwatch.activities;

import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.model.CheckResult;
import java.util.List;

/**
 * One evaluation with its full cost: the results, and the statements issued by kind (one scan at
 * most, plus catalog reads and session set-up), rows in scope, wall time, and the bytes the
 * warehouse processed and billed for it (BigQuery reports them per job; zero for warehouses that
 * do not bill by scan).
 */
public record Evaluation(List<CheckResult> results, int scans, int metadataQueries, int sessionStatements,
    long rowsScanned, long durationMillis, long bytesProcessed, long bytesBilled) {

  public Evaluation {
    results = List.copyOf(results);
  }

  static Evaluation of(List<CheckResult> results, StatementTally tally, long rowsScanned, long durationMillis) {
    return new Evaluation(results, tally.count(StatementKind.SCAN), tally.count(StatementKind.METADATA),
        tally.count(StatementKind.SESSION), rowsScanned, durationMillis, tally.bytesProcessed(), tally.bytesBilled());
  }

  /**
   * The activity's output. {@code queries} counts every statement that read something: the scan and
   * the catalog reads; session set-up (read-only transaction, timeout, tag) reads nothing and is
   * left out.
   */
  public EvaluateOutput toOutput() {
    return new EvaluateOutput(results, scans + metadataQueries, scans, rowsScanned, durationMillis, bytesProcessed,
        bytesBilled);
  }
}
