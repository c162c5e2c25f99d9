package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Incident fixtures: products, failing checks shaped as the checks make them, snapshots and inputs. */
public final class Incidents {

  public static final Instant OPENED_AT = Instant.parse("2026-11-21T08:00:00Z");

  private Incidents() {}

  public static IncidentProduct product(String domain, String name, String owner) {
    return new IncidentProduct(new ProductId(domain, name), "Daily orders, one row per order line", owner,
        "steward@example.com", List.of(new ConsumerSpec("finance", "revenue reporting"), new ConsumerSpec("ml", "churn model")),
        null, false, "warehouse");
  }

  public static IncidentProduct orders() {
    return product("sales", "orders-daily", "team-orders");
  }

  /** Completeness as {@code ScanResults} reports it: ratio, threshold, incomplete of rows. */
  public static FailingCheck completeness(Instant since) {
    return new FailingCheck(new CheckResult("completeness", CheckKind.COMPLETENESS, Outcome.FAIL, 0.93, 0.99, 70L, 1000L,
        "93.00% of rows are complete (930 of 1000, every one of order_id, amount present); the threshold is 99.00%"), since);
  }

  /** Freshness as the monitor reports it: data age in hours against the SLA, the deadline in words. */
  public static FailingCheck freshness(Instant since) {
    return new FailingCheck(new CheckResult("freshness", CheckKind.FRESHNESS, Outcome.FAIL, 30.25, 6.0, null, null,
        "late since 2026-11-21T07:00:00Z (deadline 2026-11-21T07:00:00Z)"), since);
  }

  /** A PII-handling violation: counts only, as {@code ScanResults} words it. */
  public static FailingCheck pii(Instant since, String message) {
    return new FailingCheck(new CheckResult("pii_handling.email", CheckKind.PII_HANDLING, Outcome.FAIL, 3.0, 0.0, 3L,
        1000L, message), since);
  }

  public static IncidentSnapshot open(IncidentProduct product, List<FailingCheck> failing) {
    return new IncidentSnapshot(IncidentInput.idFor(product.id(), OPENED_AT), product, IncidentState.OPEN,
        ProductState.FAILING, OPENED_AT, OPENED_AT, failing, null, null, null, null, null, null, null);
  }

  public static IncidentSnapshot open() {
    return open(orders(), List.of(completeness(OPENED_AT), freshness(OPENED_AT)));
  }

  public static IncidentSnapshot at(IncidentSnapshot s, Duration later) {
    return new IncidentSnapshot(s.incidentId(), s.product(), s.state(), s.productState(), s.openedAt(),
        s.openedAt().plus(later), s.failing(), s.acknowledgedAt(), s.acknowledgedBy(), s.snoozedUntil(), s.resolvedAt(),
        s.resolution(), s.resolvedBy(), s.note());
  }

  public static IncidentSnapshot acknowledged(IncidentSnapshot s, Actor by, Duration after) {
    Instant at = s.openedAt().plus(after);
    return new IncidentSnapshot(s.incidentId(), s.product(), IncidentState.ACKNOWLEDGED, s.productState(), s.openedAt(),
        at, s.failing(), at, by, null, null, null, null, s.note());
  }

  public static IncidentSnapshot snoozed(IncidentSnapshot s, Actor by, Duration after, Duration snooze) {
    Instant at = s.openedAt().plus(after);
    return new IncidentSnapshot(s.incidentId(), s.product(), IncidentState.SNOOZED, s.productState(), s.openedAt(), at,
        s.failing(), s.acknowledgedAt(), s.acknowledgedBy(), at.plus(snooze), null, null, null, "waiting for the reload");
  }

  public static IncidentSnapshot resolved(IncidentSnapshot s, Resolution resolution, Actor by, Duration after) {
    Instant at = s.openedAt().plus(after);
    return new IncidentSnapshot(s.incidentId(), s.product(), IncidentState.RESOLVED, ProductState.HEALTHY, s.openedAt(),
        at, s.failing(), s.acknowledgedAt(), s.acknowledgedBy(), null, at, resolution, by, null);
  }

  public static IncidentSnapshot withFailing(IncidentSnapshot s, List<FailingCheck> failing, Duration after) {
    return new IncidentSnapshot(s.incidentId(), s.product(), s.state(), s.productState(), s.openedAt(),
        s.openedAt().plus(after), failing, s.acknowledgedAt(), s.acknowledgedBy(), s.snoozedUntil(), s.resolvedAt(),
        s.resolution(), s.resolvedBy(), s.note());
  }

  public static DeliveryInput input(DeliveryIntent intent, IncidentSnapshot s, MessageRef message) {
    return new DeliveryInput(s.incidentId() + "/" + intent + "/1", intent, s, message);
  }

  public static DeliveryInput input(DeliveryIntent intent, IncidentSnapshot s, MessageRef message, int sequence) {
    return new DeliveryInput(s.incidentId() + "/" + intent + "/" + sequence, intent, s, message);
  }
}
