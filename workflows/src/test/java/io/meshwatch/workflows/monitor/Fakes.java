package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.activities.AlertActivities;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.NotifyInput;
import io.meshwatch.workflows.activities.NotifyOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written fakes of the three activity interfaces; each records its calls. */
final class Fakes {

  private Fakes() {}

  static ProductSpec spec() {
    return new ProductSpec(
        new ProductId("orders", "orders-daily"),
        "orders-platform-team",
        "jane.smith@company.com",
        "Daily aggregate of all completed orders.",
        new OutputSpec(OutputFormat.DUCKDB, null, null, null, "main", "orders_daily", null, null, null),
        List.of(new ColumnSpec("order_id", "string", false, false, null)),
        new QualitySpec(2.0, 0.999, List.of(), "updated_at", null, null),
        List.of(new ConsumerSpec("finance", "Revenue reporting")),
        null, null, null);
  }

  /**
   * A warehouse whose product refreshes daily at 06:00 UTC with a 2 h SLA: the freshness rule in
   * miniature, so the workflow's timer and state handling can be tested on exact instants.
   */
  static final class Warehouse implements WarehouseActivities {
    volatile Instant lastUpdated;
    volatile String version = "v1";
    volatile List<CheckResult> results = List.of(pass("not_null:order_id", CheckKind.NOT_NULL));
    volatile boolean probeThrows;
    final List<ProbeInput> probes = new CopyOnWriteArrayList<>();
    final List<EvaluateInput> evaluations = new CopyOnWriteArrayList<>();

    Warehouse(Instant lastUpdated) {
      this.lastUpdated = lastUpdated;
    }

    void land(Instant at, String newVersion) {
      lastUpdated = at;
      version = newVersion;
    }

    @Override
    public ProbeOutput probe(ProbeInput input) {
      probes.add(input);
      if (probeThrows) {
        throw new IllegalStateException("connection refused");
      }
      Instant now = input.now();
      Instant expected = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(6));
      if (expected.isAfter(now)) {
        expected = expected.minus(Duration.ofDays(1));
      }
      Instant deadline = expected.plus(Duration.ofHours(2));
      FreshnessAssessment freshness;
      if (!lastUpdated.isBefore(expected)) {
        freshness = new FreshnessAssessment(Outcome.PASS, lastUpdated, expected, deadline, null, deadline.plus(Duration.ofDays(1)), null);
      } else if (!now.isBefore(deadline)) {
        freshness = new FreshnessAssessment(Outcome.FAIL, lastUpdated, expected, deadline, deadline, null, null);
      } else {
        freshness = new FreshnessAssessment(Outcome.PASS, lastUpdated, expected, deadline, null, deadline, null);
      }
      return new ProbeOutput(version, freshness);
    }

    /** What each evaluation reports it cost, as a warehouse that bills by scan would. */
    static final long BYTES_PROCESSED = 2_048;
    static final long BYTES_BILLED = 10_485_760;

    @Override
    public EvaluateOutput evaluate(EvaluateInput input) {
      evaluations.add(input);
      return new EvaluateOutput(results, 2, 1, 100, 5, BYTES_PROCESSED, BYTES_BILLED);
    }
  }

  static final class Store implements StoreActivities {
    final List<RecordCycleInput> cycles = new CopyOnWriteArrayList<>();

    @Override
    public RecordCycleOutput recordCycle(RecordCycleInput input) {
      cycles.add(input);
      return new RecordCycleOutput(input.results().size());
    }

    final List<RecordIncidentInput> incidents = new CopyOnWriteArrayList<>();

    @Override
    public RecordIncidentOutput recordIncident(RecordIncidentInput input) {
      incidents.add(input);
      return new RecordIncidentOutput(true);
    }
  }

  static final class Alerts implements AlertActivities {
    final List<NotifyInput> sent = new CopyOnWriteArrayList<>();

    @Override
    public NotifyOutput notify(NotifyInput input) {
      sent.add(input);
      return new NotifyOutput(true);
    }
  }

  static CheckResult pass(String id, CheckKind kind) {
    return new CheckResult(id, kind, Outcome.PASS, 1.0, null, 0L, 100L, null);
  }

  static CheckResult fail(String id, CheckKind kind) {
    return new CheckResult(id, kind, Outcome.FAIL, 0.5, 1.0, 50L, 100L, "50 of 100 rows violate");
  }
}
