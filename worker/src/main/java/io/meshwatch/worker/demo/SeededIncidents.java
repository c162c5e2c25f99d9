package io.meshwatch.worker.demo;

import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.IncidentTransition;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The incident of a seeded breach, transition by transition, as the incident workflow would have
 * recorded it: opened; the steward at once for a PII-handling violation; climbing the ladder
 * (steward, then platform) while nobody acknowledges; reminders every hour while unresolved;
 * acknowledged by the owner's on-call in Slack (or the steward, once called) after minutes to
 * hours; resolved when the monitor saw the recovery — or by hand as expected, for a breach the owner
 * knew about. Breaches at night wait longer for an acknowledgement, and some recover first.
 */
final class SeededIncidents {

  private final ProductSpec spec;
  private final EscalationLadder ladder;
  private final String responder;
  private final long seed;

  SeededIncidents(ProductSpec spec, EscalationLadder ladder, String responder, long seed) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.ladder = Objects.requireNonNull(ladder, "ladder");
    this.responder = Objects.requireNonNull(responder, "responder");
    this.seed = seed;
  }

  /** Every transition of {@code breach}'s incident, in sequence order, each with the incident as it stands after it. */
  List<RecordIncidentInput> of(Breach breach) {
    RandomGenerator random = DemoScript.random(seed, breach.openedAt());
    Instant opened = breach.openedAt();
    boolean pii = breach.failing().stream().anyMatch(f -> f.result().kind() == CheckKind.PII_HANDLING);
    int hour = opened.atZone(ZoneOffset.UTC).getHour();
    Duration untilAck = pii ? minutes(3 + random.nextInt(10))
        : breach.expected() ? minutes(8 + random.nextInt(12))
        : hour < 6 || hour >= 22 ? minutes(100 + random.nextInt(80))
        : minutes(5 + random.nextInt(50));
    Instant ackAt = opened.plus(untilAck).plusSeconds(random.nextInt(60));
    Instant end = breach.expected() ? ackAt.plus(minutes(3 + random.nextInt(8))) : breach.recoveredAt();
    if (!end.isAfter(opened) || end.isAfter(breach.recoveredAt())) {
      throw new IllegalStateException("incident " + breach.incidentId() + " cannot end at " + end);
    }

    Story story = new Story(breach);
    story.add(opened, TransitionKind.OPENED, Actor.MESHWATCH, "failing: " + ids(breach.failing()));
    boolean stewardCalled = false;
    if (pii) {
      stewardCalled = true;
      story.add(opened, TransitionKind.ESCALATED_TO_STEWARD, Actor.MESHWATCH,
          "PII-handling violation: " + ids(breach.failing().stream().filter(f -> f.result().kind() == CheckKind.PII_HANDLING).toList()));
    }
    boolean platformCalled = false;
    boolean acknowledged = false;
    Instant lastReminder = opened;
    while (true) {
      // What falls due next; on a tie the workflow climbs the ladder before it reminds.
      Instant stewardDue = stewardCalled || acknowledged ? null : opened.plus(ladder.stewardAfter());
      Instant platformDue = platformCalled || acknowledged ? null : opened.plus(ladder.platformAfter());
      Instant reminderDue = lastReminder.plus(ladder.reminderEvery());
      Instant ack = acknowledged ? null : ackAt;
      Instant next = earliest(earliest(earliest(ack, stewardDue), platformDue), reminderDue);
      if (!next.isBefore(end)) {
        break;
      }
      if (next.equals(ack)) {
        acknowledged = true;
        lastReminder = ackAt;
        story.acknowledge(ackAt, stewardCalled ? new Actor(spec.steward(), "slack")
            : new Actor(responder, random.nextInt(4) == 0 ? "cli" : "slack"));
      } else if (next.equals(stewardDue)) {
        stewardCalled = true;
        story.add(next, TransitionKind.ESCALATED_TO_STEWARD, Actor.MESHWATCH, "unacknowledged for " + human(ladder.stewardAfter()));
      } else if (next.equals(platformDue)) {
        platformCalled = true;
        story.add(next, TransitionKind.ESCALATED_TO_PLATFORM, Actor.MESHWATCH, "unacknowledged for " + human(ladder.platformAfter()));
      } else {
        lastReminder = next;
        story.add(next, TransitionKind.REMINDED, Actor.MESHWATCH, "unresolved since " + opened);
      }
    }
    if (breach.expected()) {
      story.resolve(end, Resolution.EXPECTED, story.acknowledgedBy, "declared maintenance window", breach.state());
    } else {
      story.resolve(end, Resolution.RECOVERED, Actor.MESHWATCH, null, breach.recoveredState());
    }
    return story.records;
  }

  /** The transitions told so far, and the incident as it stands after the last one. */
  private final class Story {
    final Breach breach;
    final IncidentProduct product;
    final List<RecordIncidentInput> records = new ArrayList<>();
    IncidentState state = IncidentState.OPEN;
    Instant acknowledgedAt;
    Actor acknowledgedBy;

    Story(Breach breach) {
      this.breach = breach;
      this.product = IncidentProduct.of(spec);
    }

    void add(Instant at, TransitionKind kind, Actor by, String detail) {
      record(snapshot(at, breach.state(), null, null, null, null), at, kind, by, detail);
    }

    void acknowledge(Instant at, Actor by) {
      state = IncidentState.ACKNOWLEDGED;
      acknowledgedAt = at;
      acknowledgedBy = by;
      add(at, TransitionKind.ACKNOWLEDGED, by, null);
    }

    void resolve(Instant at, Resolution resolution, Actor by, String note, ProductState productState) {
      state = IncidentState.RESOLVED;
      String detail = note == null ? resolution.wireName() : resolution.wireName() + ": " + note;
      record(snapshot(at, productState, at, resolution, by, note), at, TransitionKind.RESOLVED, by, detail);
    }

    private IncidentSnapshot snapshot(Instant at, ProductState productState, Instant resolvedAt, Resolution resolution, Actor resolvedBy,
        String note) {
      return new IncidentSnapshot(breach.incidentId(), product, state, productState, breach.openedAt(), at, breach.failing(),
          acknowledgedAt, acknowledgedBy, null, resolvedAt, resolution, resolvedBy, note);
    }

    private void record(IncidentSnapshot snapshot, Instant at, TransitionKind kind, Actor by, String detail) {
      records.add(new RecordIncidentInput(snapshot, new IncidentTransition(records.size() + 1, at, kind, by, detail), null));
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || !b.isBefore(a) ? a : b;
  }

  private static String ids(List<FailingCheck> failing) {
    return failing.isEmpty() ? "none" : String.join(", ", failing.stream().map(FailingCheck::checkId).toList());
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  /** As the incident workflow words a delay: 30m, 2h, 1h 30m. */
  private static String human(Duration d) {
    long minutes = d.toMinutes();
    return minutes < 60 ? minutes + "m" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h " + minutes % 60 + "m";
  }
}
