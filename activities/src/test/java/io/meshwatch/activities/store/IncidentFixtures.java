package io.meshwatch.activities.store;

import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.IncidentTransition;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.TransitionKind;
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

/** Incidents and their transitions, as the incident workflow records them, for store tests. */
public final class IncidentFixtures {

  public static final Actor ALICE_IN_SLACK = new Actor("U024BE7LH", "slack");
  public static final MessageRef MAIN_MESSAGE = new MessageRef("slack", "C0123456789", "1767254400.000100");

  private IncidentFixtures() {}

  public static IncidentProduct product(ProductId id) {
    return new IncidentProduct(id, "Daily orders", "team-" + id.domain(), "jane.smith@company.com",
        List.of(new ConsumerSpec("finance", "Revenue reporting")), "#" + id.domain() + "-alerts", false, "lake");
  }

  public static List<FailingCheck> failing(Instant since) {
    return List.of(
        new FailingCheck(new CheckResult("freshness", CheckKind.FRESHNESS, Outcome.FAIL, 7.5, 2.0, null, null, "late by 5h 30m"), since),
        new FailingCheck(new CheckResult("not_null:order_id", CheckKind.NOT_NULL, Outcome.FAIL, null, 0.0, 12L, 10_000L, null), since));
  }

  /** The incident as it stands after its {@code sequence}-th transition, of {@code kind}, at {@code at}. */
  public static RecordIncidentInput transition(ProductId id, Instant opened, int sequence, TransitionKind kind, Instant at, MessageRef message) {
    String incidentId = IncidentInput.idFor(id, opened);
    IncidentState state = IncidentState.OPEN;
    Instant acknowledgedAt = null;
    Actor acknowledgedBy = null;
    Instant snoozedUntil = null;
    Instant resolvedAt = null;
    Resolution resolution = null;
    Actor resolvedBy = null;
    String note = null;
    Actor by = Actor.MESHWATCH;
    String detail = null;
    switch (kind) {
      case ACKNOWLEDGED -> {
        state = IncidentState.ACKNOWLEDGED;
        acknowledgedAt = at;
        acknowledgedBy = ALICE_IN_SLACK;
        by = ALICE_IN_SLACK;
      }
      case SNOOZED -> {
        state = IncidentState.SNOOZED;
        snoozedUntil = at.plus(Duration.ofHours(4));
        by = new Actor("ci", "api");
        detail = "until " + snoozedUntil;
      }
      case RESOLVED -> {
        state = IncidentState.RESOLVED;
        resolvedAt = at;
        resolution = Resolution.FIXED;
        resolvedBy = new Actor("bob", "cli");
        note = "reloaded the partition";
        by = resolvedBy;
        detail = "fixed";
      }
      default -> { }
    }
    IncidentSnapshot snapshot = new IncidentSnapshot(incidentId, product(id), state, ProductState.FAILING, opened, at, failing(opened),
        acknowledgedAt, acknowledgedBy, snoozedUntil, resolvedAt, resolution, resolvedBy, note);
    return new RecordIncidentInput(snapshot, new IncidentTransition(sequence, at, kind, by, detail), message);
  }
}
