package io.meshwatch.activities.store;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.model.AlertsSpec;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.MaintenanceWindow;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import io.meshwatch.workflows.model.SlaSpec;
import java.time.Instant;
import java.util.List;

/** Specs and cycles for store tests. */
public final class StoreFixtures {

  public static final ProductId ORDERS = new ProductId("orders", "orders-daily");

  public static final String ORDERS_YAML =
      """
      apiVersion: dataproduct/v1
      kind: DataProduct
      metadata:
        name: orders-daily
        domain: orders
        owner: orders-platform-team
        steward: jane.smith@company.com
      """;

  private StoreFixtures() {}

  /** The seed product with every optional section filled in. */
  public static ProductSpec fullSpec() {
    return new ProductSpec(
        ORDERS,
        "orders-platform-team",
        "jane.smith@company.com",
        "Daily aggregate of all completed orders.",
        new OutputSpec(
            OutputFormat.DELTA,
            "s3://data-platform/products/orders/orders_daily/",
            "glue",
            "domain_orders",
            null,
            "orders_daily",
            null,
            null,
            "lake"),
        List.of(
            new ColumnSpec("order_id", "string", false, false, null),
            new ColumnSpec("customer_id", "string", false, true, PiiHandling.HASHED),
            new ColumnSpec("revenue_usd", "decimal(18,2)", true, false, null)),
        new QualitySpec(
            2.0,
            0.999,
            List.of(
                new CustomCheckSpec("order_count_positive", "count(*) > 0", Severity.FAIL, 0.0),
                new CustomCheckSpec("revenue_non_negative", "revenue_usd >= 0", Severity.WARN, 0.01)),
            "updated_at",
            "order_date",
            "3d"),
        List.of(new ConsumerSpec("finance", "Revenue reporting"), new ConsumerSpec("ml-platform", null)),
        new SlaSpec(
            "0 6 * * *",
            "Europe/Berlin",
            "07:00",
            0.995,
            List.of(
                new MaintenanceWindow("0 2 * * 0", 60, null, null),
                new MaintenanceWindow(null, 0, Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z")))),
        new EscalationSpec(15L, 90L, 30L),
        new AlertsSpec("#orders-alerts", true));
  }

  /** The smallest spec the model accepts for {@code id}. */
  public static ProductSpec minimalSpec(ProductId id) {
    return new ProductSpec(
        id, "team-" + id.domain(), null, null, new OutputSpec(OutputFormat.DUCKDB, null, null, "demo", "main", id.name(), null, null, null),
        null, null, null, null, null, null);
  }

  /** {@code spec} with another description: a changed spec. */
  public static ProductSpec withDescription(ProductSpec spec, String description) {
    return new ProductSpec(
        spec.id(), spec.owner(), spec.steward(), description, spec.output(), spec.schema(), spec.quality(),
        spec.consumers(), spec.sla(), spec.escalation(), spec.alerts());
  }

  public static FreshnessAssessment onTime(Instant lastUpdated) {
    return new FreshnessAssessment(Outcome.PASS, lastUpdated, null, null, null, null, null);
  }

  public static FreshnessAssessment lateSince(Instant deadline) {
    return new FreshnessAssessment(Outcome.FAIL, null, deadline.minusSeconds(3600), deadline, deadline, null, null);
  }

  public static CheckResult freshnessResult(Outcome outcome) {
    return new CheckResult("freshness", CheckKind.FRESHNESS, outcome, 1.5, 2.0, null, null, null);
  }

  public static CheckResult result(String checkId, CheckKind kind, Outcome outcome) {
    return new CheckResult(checkId, kind, outcome, 0.9995, 0.999, 3L, 10_000L, null);
  }

  /** A cycle that only probed freshness. */
  public static RecordCycleInput probeCycle(
      ProductId product, Instant at, ProductState state, Instant since, FreshnessAssessment freshness) {
    return new RecordCycleInput(
        product, 1, at, state, since, freshness, "v1", false, List.of(freshnessResult(freshness.outcome())), 0, 0, 0, 0, 0, 0);
  }

  /** A cycle that scanned, with the given results besides freshness; it processed 2 MiB and was billed 10 MiB. */
  public static RecordCycleInput evaluatedCycle(
      ProductId product, Instant at, ProductState state, List<CheckResult> results) {
    List<CheckResult> all = new java.util.ArrayList<>();
    all.add(freshnessResult(Outcome.PASS));
    all.addAll(results);
    return new RecordCycleInput(product, 1, at, state, at, onTime(at.minusSeconds(600)), "v7", true, all, 2, 1, 10_000, 850, 2_097_152,
        10_485_760);
  }
}
