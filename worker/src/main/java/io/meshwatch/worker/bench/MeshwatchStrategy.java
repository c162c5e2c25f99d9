package io.meshwatch.worker.bench;

import io.meshwatch.activities.Evaluation;
import io.meshwatch.activities.WarehouseActivitiesImpl;
import io.meshwatch.activities.freshness.FreshnessAssessor;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (a) meshwatch's own evaluation, exactly as the monitor's cycle runs it over the real warehouse
 * connections: the probe first (untimed: it is what every cycle costs, measured by (d)), then the
 * timed evaluate activity with the data version the probe saw — schema conformance on the columns
 * the probe resolved, planning, and the one fused scan in one warehouse session.
 */
final class MeshwatchStrategy implements EvaluationStrategy {

  private final WarehouseActivitiesImpl activities;
  private final Instant scheduledAt;

  MeshwatchStrategy(WarehouseConnections connections, Instant scheduledAt) {
    this.activities = new WarehouseActivitiesImpl(connections, new FreshnessAssessor());
    this.scheduledAt = scheduledAt;
  }

  @Override
  public Strategy strategy() {
    return Strategy.MESHWATCH;
  }

  @Override
  public List<ProductRun> round(List<BenchProduct> products) {
    List<ProductRun> runs = new ArrayList<>();
    for (BenchProduct product : products) {
      ProbeOutput probe = activities.probe(new ProbeInput(product.spec(), scheduledAt, List.of()));
      if (probe.dataVersion() == null) {
        throw new IllegalStateException("meshwatch could not probe " + product.table() + ": "
            + probe.freshness().reason());
      }
      long allocated = Allocations.currentThread();
      long started = System.nanoTime();
      Evaluation evaluation = activities.measure(new EvaluateInput(product.spec(), scheduledAt, probe.dataVersion()));
      long nanos = System.nanoTime() - started;
      runs.add(new ProductRun(product.table(),
          evaluation.scans() + evaluation.metadataQueries() + evaluation.sessionStatements(), evaluation.scans(),
          evaluation.scans() * evaluation.rowsScanned(), nanos, Allocations.since(allocated),
          measured(product, evaluation.results()), Map.of()));
    }
    return runs;
  }

  /**
   * What each data check measured. Every check of a generated product is measurable, so an ERROR
   * or NOT_EVALUATED result is a broken benchmark, not a figure.
   */
  static Map<String, Long> measured(BenchProduct product, List<CheckResult> results) {
    Map<String, Long> measured = new HashMap<>();
    for (CheckResult result : results) {
      if (result.kind() == CheckKind.SCHEMA || result.kind() == CheckKind.FRESHNESS) {
        continue;
      }
      if (result.outcome() == Outcome.ERROR || result.outcome() == Outcome.NOT_EVALUATED) {
        throw new IllegalStateException("meshwatch could not measure " + result.checkId() + " on " + product.table()
            + ": " + result.message());
      }
      // An aggregate predicate reports its truth as 1 or 0 and counts no violating rows.
      measured.put(result.checkId(), result.violations() != null ? result.violations() : result.observed().longValue());
    }
    return measured;
  }
}
