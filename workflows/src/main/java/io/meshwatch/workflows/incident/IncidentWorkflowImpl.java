package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.DeliveryOutput;
import io.meshwatch.workflows.activities.IncidentActivities;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.IncidentTransition;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.ProductState;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * One incident's life (DESIGN §7). Signal handlers only queue; the main loop applies the queue in
 * arrival order, then runs whatever fell due (end of a snooze, a step of the ladder, a reminder),
 * then waits on a timer for the next due instant that any signal cuts short. So a signal never
 * races a delivery, and every due instant is met by a timer at that instant, not by a poll.
 *
 * <p>Messages: the owner's main message at once ({@link DeliveryIntent#OPENED}, whose
 * {@link MessageRef} every later delivery edits and threads under), the steward at once when a
 * PII-handling check fails, the consumers' notice once. While OPEN the ladder climbs to the steward
 * and the platform channel at {@code openedAt + stewardAfter} and {@code openedAt + platformAfter},
 * each once. While OPEN or ACKNOWLEDGED a reminder goes into the thread {@code reminderEvery} after
 * the last message there. While SNOOZED nothing goes out; at its end the steps that fell due
 * meanwhile run. While inhibited (the product's warehouse connection is down and the one
 * source-unavailable incident speaks for it) nothing automatic goes out and the ladder waits; what
 * fell due runs once the source is back. Answers to people (acknowledged, snoozed, resolved) are
 * always delivered: they confirm a click, they are no storm.
 *
 * <p>Every transition is recorded once, numbered from 1 across continue-as-new; each delivery's key
 * is {@code <incidentId>|<INTENT>|<n>}, {@code n} the number of the transition it belongs to, so a
 * retried delivery is recognised by the delivery side's outbox. Deliveries run in the loop, in
 * order (the opening's message reference is needed by all that follow); records run beside it, one
 * after the other, so a store outage delays the books, never a message. The incident ends, or
 * continues-as-new, only once every record is done. A failed activity is logged and the incident
 * goes on: a lost message must not stop the ladder.
 *
 * <p>Resolved by hand while checks still fail, it tells its parent (the product's monitor, or the
 * connection's outage workflow) with the {@value #PARENT_SIGNAL} signal, so the parent does not open
 * a new incident for the same failures.
 */
public class IncidentWorkflowImpl implements IncidentWorkflow {

  /** The signal every parent of an incident accepts: {@code incidentClosed(IncidentClosed)}. */
  public static final String PARENT_SIGNAL = "incidentClosed";

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  /** A queued signal. The loop applies them in arrival order. */
  private sealed interface Pending {}

  private record Changed(IncidentChange change) implements Pending {}

  private record Recovered(ProductRecovered recovered) implements Pending {}

  private record Acknowledged(AcknowledgeRequest request) implements Pending {}

  private record Snoozed(SnoozeRequest request) implements Pending {}

  private record Resolved(ResolveRequest request) implements Pending {}

  private record Inhibition(SourceInhibition inhibition) implements Pending {}

  private final int historyEventsLimit;
  private final List<Pending> pending = new ArrayList<>();

  private IncidentInput input;
  private IncidentState state;
  private ProductState productState;
  private List<FailingCheck> failing = List.of();
  private Instant acknowledgedAt;
  private Actor acknowledgedBy;
  private Instant snoozedUntil;
  private final Set<Audience> reached = EnumSet.noneOf(Audience.class);
  private MessageRef message;
  /** Where the reminder clock starts: the last message in the owner's thread (or the end of a pause). */
  private Instant lastReminderAt;
  private boolean inhibited;
  private int transitions;
  private Instant resolvedAt;
  private Resolution resolution;
  private Actor resolvedBy;
  private String note;

  private IncidentActivities deliveries;
  private StoreActivities store;
  /** The last record in flight: each record starts when the one before it has ended. */
  private Promise<Void> recorded;

  /** As the worker registers it: continue-as-new when Temporal suggests it. */
  public IncidentWorkflowImpl() {
    this(0);
  }

  /**
   * {@code historyEventsLimit > 0} also continues-as-new once the history reaches that many events;
   * small values exercise the path in tests (register with a factory).
   */
  public IncidentWorkflowImpl(int historyEventsLimit) {
    if (historyEventsLimit < 0) {
      throw new IllegalArgumentException("historyEventsLimit must be >= 0");
    }
    this.historyEventsLimit = historyEventsLimit;
  }

  @Override
  public IncidentResult run(IncidentInput in) {
    input = in;
    recorded = Workflow.newPromise(null);
    createStubs();
    if (in.carried() == null) {
      state = IncidentState.OPEN;
      productState = in.productState();
      failing = in.failing();
      lastReminderAt = in.openedAt();
      open();
    } else {
      restore(in.carried());
    }
    while (state != IncidentState.RESOLVED) {
      applyPending();
      if (state == IncidentState.RESOLVED) {
        break;
      }
      runDueSteps();
      if (!pending.isEmpty()) {
        continue;
      }
      if (historyIsLong()) {
        // Records in flight end with this run, and signals that came meanwhile are applied first.
        recorded.get();
        if (pending.isEmpty()) {
          Workflow.continueAsNew(new IncidentInput(in.incidentId(), in.product(), in.openedAt(), productState, failing, in.ladder(),
              progress()));
        }
        continue;
      }
      waitForNextStep();
    }
    if (resolution != Resolution.RECOVERED && !failing.isEmpty()) {
      tellParentClosedByHand();
    }
    recorded.get();
    return new IncidentResult(in.incidentId(), resolution, resolvedBy, resolvedAt);
  }

  // ---- signals: queued only ----

  @Override
  public void checksChanged(IncidentChange change) {
    pending.add(new Changed(change));
  }

  @Override
  public void productRecovered(ProductRecovered recovered) {
    pending.add(new Recovered(recovered));
  }

  @Override
  public void acknowledge(AcknowledgeRequest request) {
    pending.add(new Acknowledged(request));
  }

  @Override
  public void snooze(SnoozeRequest request) {
    pending.add(new Snoozed(request));
  }

  @Override
  public void resolve(ResolveRequest request) {
    pending.add(new Resolved(request));
  }

  @Override
  public void sourceInhibition(SourceInhibition inhibition) {
    pending.add(new Inhibition(inhibition));
  }

  @Override
  public IncidentStatus status() {
    if (input == null) {
      return null;
    }
    return new IncidentStatus(input.incidentId(), input.product().id(), state, productState, input.openedAt(), failing,
        acknowledgedAt, acknowledgedBy, snoozedUntil, resolvedAt, resolution, resolvedBy, note, reached, message, inhibited);
  }

  // ---- the loop's steps ----

  private void open() {
    int sequence = nextSequence();
    reached.add(Audience.OWNER);
    String detail = "failing: " + ids(failing);
    // Recorded before the delivery, so the incident is in the store (API, metrics, a restart) even
    // while a sink is down; recorded again, same transition, once the delivery names the main message.
    record(sequence, TransitionKind.OPENED, Actor.MESHWATCH, detail);
    DeliveryOutput opened = deliver(DeliveryIntent.OPENED, sequence);
    if (opened != null && opened.message() != null) {
      message = opened.message();
      record(sequence, TransitionKind.OPENED, Actor.MESHWATCH, detail);
    }
    List<FailingCheck> pii = pii(failing);
    if (!pii.isEmpty()) {
      escalateToSteward("PII-handling violation: " + ids(pii));
    }
    if (!input.product().consumers().isEmpty()) {
      // The delivery side picks the consumer teams that opted in; it may send nothing.
      reached.add(Audience.CONSUMERS);
      deliver(DeliveryIntent.CONSUMER_NOTICE, sequence);
    }
  }

  private void applyPending() {
    while (!pending.isEmpty()) {
      Pending next = pending.remove(0);
      if (state == IncidentState.RESOLVED) {
        continue;
      }
      switch (next) {
        case Changed c -> checksChanged(c.change().productState(), c.change().failing());
        case Recovered r -> {
          if (r.recovered().productState() != null) {
            productState = r.recovered().productState();
          }
          resolveAs(Resolution.RECOVERED, Actor.MESHWATCH, null);
        }
        case Acknowledged a -> acknowledged(a.request().by());
        case Snoozed s -> snoozed(s.request());
        case Resolved r -> resolveAs(r.request().reason(), r.request().by(), r.request().note());
        case Inhibition i -> inhibition(i.inhibition());
      }
    }
  }

  private void checksChanged(ProductState newState, List<FailingCheck> newFailing) {
    Set<String> before = new HashSet<>(idList(failing));
    List<FailingCheck> newPii = pii(newFailing).stream().filter(f -> !before.contains(f.checkId())).toList();
    boolean setChanged = !before.equals(new HashSet<>(idList(newFailing)));
    String detail = changeDetail(failing, newFailing);
    if (newState != null) {
      productState = newState;
    }
    // Values that moved without the set changing are kept (every later message shows them), not announced.
    failing = newFailing;
    if (setChanged) {
      int sequence = nextSequence();
      if (!inhibited && state != IncidentState.SNOOZED) {
        deliver(DeliveryIntent.UPDATED, sequence);
        lastReminderAt = now();
      }
      record(sequence, TransitionKind.UPDATED, Actor.MESHWATCH, detail);
    }
    // A PII violation is the steward's at once, whatever the owner's snooze says.
    if (!newPii.isEmpty() && !reached.contains(Audience.STEWARD) && !inhibited) {
      escalateToSteward("PII-handling violation: " + ids(newPii));
    }
  }

  private void acknowledged(Actor by) {
    if (state != IncidentState.OPEN && state != IncidentState.SNOOZED) {
      return;
    }
    state = IncidentState.ACKNOWLEDGED;
    acknowledgedAt = now();
    acknowledgedBy = by;
    snoozedUntil = null;
    int sequence = nextSequence();
    deliver(DeliveryIntent.ACKNOWLEDGED, sequence);
    lastReminderAt = now();
    record(sequence, TransitionKind.ACKNOWLEDGED, by, null);
  }

  private void snoozed(SnoozeRequest request) {
    // The workflow's clock decides the end, never the client's.
    snoozedUntil = now().plus(request.duration());
    state = IncidentState.SNOOZED;
    int sequence = nextSequence();
    deliver(DeliveryIntent.SNOOZED, sequence);
    record(sequence, TransitionKind.SNOOZED, request.by(), "until " + snoozedUntil);
  }

  private void inhibition(SourceInhibition signal) {
    if (signal.inhibited() == inhibited) {
      return;
    }
    inhibited = signal.inhibited();
    String connection = signal.connection() == null ? "its warehouse connection" : "connection " + signal.connection();
    if (inhibited) {
      record(nextSequence(), TransitionKind.INHIBITED, Actor.MESHWATCH, connection + " unreachable");
    } else {
      // The thread was silent while the source was down: the reminder clock starts again now.
      lastReminderAt = now();
      record(nextSequence(), TransitionKind.UNINHIBITED, Actor.MESHWATCH, connection + " reachable again");
    }
  }

  private void resolveAs(Resolution reason, Actor by, String withNote) {
    state = IncidentState.RESOLVED;
    resolvedAt = now();
    resolution = reason;
    resolvedBy = by;
    note = withNote;
    snoozedUntil = null;
    int sequence = nextSequence();
    // The delivery side edits the main message ("resolved after 2h 13m") and replies in its thread.
    deliver(DeliveryIntent.RESOLVED, sequence);
    record(sequence, TransitionKind.RESOLVED, by, withNote == null ? reason.wireName() : reason.wireName() + ": " + withNote);
  }

  /** Ends a snooze that ran out, then climbs the ladder and reminds as far as the clock says. */
  private void runDueSteps() {
    Instant now = now();
    if (state == IncidentState.SNOOZED && !now.isBefore(snoozedUntil)) {
      Instant end = snoozedUntil;
      // Snoozing does not undo an acknowledgement: an acknowledged incident goes back to being acknowledged.
      state = acknowledgedAt == null ? IncidentState.OPEN : IncidentState.ACKNOWLEDGED;
      snoozedUntil = null;
      lastReminderAt = end;
      record(nextSequence(), TransitionKind.UNSNOOZED, Actor.MESHWATCH, null);
    }
    if (state == IncidentState.SNOOZED || state == IncidentState.RESOLVED || inhibited) {
      return;
    }
    if (state == IncidentState.OPEN) {
      for (Audience step : ladderSteps()) {
        if (!reached.contains(step) && !now.isBefore(dueAt(step))) {
          if (step == Audience.STEWARD) {
            escalateToSteward("unacknowledged for " + human(input.ladder().stewardAfter()));
          } else {
            escalateToPlatform("unacknowledged for " + human(input.ladder().platformAfter()));
          }
        }
      }
    }
    Instant reminderDue = lastReminderAt.plus(input.ladder().reminderEvery());
    if (!now.isBefore(reminderDue)) {
      int sequence = nextSequence();
      deliver(DeliveryIntent.REMINDER, sequence);
      // On time, the next reminder keeps the cadence; late (the loop was held up), it counts from now.
      lastReminderAt = now.isBefore(reminderDue.plus(input.ladder().reminderEvery())) ? reminderDue : now;
      record(sequence, TransitionKind.REMINDED, Actor.MESHWATCH, "unresolved since " + input.openedAt());
    }
  }

  private void waitForNextStep() {
    Instant due = nextDue();
    if (due == null) {
      Workflow.await(() -> !pending.isEmpty());
      return;
    }
    Duration wait = Duration.between(now(), due);
    if (wait.isNegative() || wait.isZero()) {
      return;
    }
    Workflow.await(wait, () -> !pending.isEmpty());
  }

  /** The next instant something falls due, or null when only a signal can move the incident. */
  private Instant nextDue() {
    if (state == IncidentState.SNOOZED) {
      return snoozedUntil;
    }
    if (state == IncidentState.RESOLVED || inhibited) {
      return null;
    }
    Instant next = lastReminderAt.plus(input.ladder().reminderEvery());
    if (state == IncidentState.OPEN) {
      for (Audience step : ladderSteps()) {
        if (!reached.contains(step) && dueAt(step).isBefore(next)) {
          next = dueAt(step);
        }
      }
    }
    return next;
  }

  /** The ladder's steps in the order they fall due. */
  private List<Audience> ladderSteps() {
    EscalationLadder ladder = input.ladder();
    return ladder.stewardAfter().compareTo(ladder.platformAfter()) <= 0
        ? List.of(Audience.STEWARD, Audience.PLATFORM)
        : List.of(Audience.PLATFORM, Audience.STEWARD);
  }

  private Instant dueAt(Audience step) {
    return switch (step) {
      case STEWARD -> input.openedAt().plus(input.ladder().stewardAfter());
      case PLATFORM -> input.openedAt().plus(input.ladder().platformAfter());
      case OWNER, CONSUMERS -> input.openedAt();
    };
  }

  private void escalateToSteward(String why) {
    int sequence = nextSequence();
    reached.add(Audience.STEWARD);
    deliver(DeliveryIntent.ESCALATED_TO_STEWARD, sequence);
    record(sequence, TransitionKind.ESCALATED_TO_STEWARD, Actor.MESHWATCH, why);
  }

  private void escalateToPlatform(String why) {
    int sequence = nextSequence();
    reached.add(Audience.PLATFORM);
    deliver(DeliveryIntent.ESCALATED_TO_PLATFORM, sequence);
    record(sequence, TransitionKind.ESCALATED_TO_PLATFORM, Actor.MESHWATCH, why);
  }

  private void tellParentClosedByHand() {
    // An incident restored from the store after a restart runs without a parent: its monitor is
    // then the product's workflow.
    Optional<String> parent = Workflow.getInfo().getParentWorkflowId()
        .or(() -> Optional.of(input.product().id().workflowId()));
    IncidentClosed closed = new IncidentClosed(input.incidentId(), resolution, idList(failing));
    try {
      Workflow.newUntypedExternalWorkflowStub(parent.get()).signal(PARENT_SIGNAL, closed);
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      if (!ChildIncidents.isNotFound(e)) {
        throw e;
      }
      // The parent has ended (a retired product): nobody is left to open a duplicate.
      log.warn("incident {} could not tell {} it was closed by hand: {}", input.incidentId(), parent.get(), e.getMessage());
    }
  }

  private boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.isContinueAsNewSuggested() || (historyEventsLimit > 0 && info.getHistoryLength() >= historyEventsLimit);
  }

  // ---- activities, each failure contained ----

  private DeliveryOutput deliver(DeliveryIntent intent, int sequence) {
    String key = input.incidentId() + "|" + intent + "|" + sequence;
    try {
      return deliveries.deliver(new DeliveryInput(key, intent, snapshot(), message));
    } catch (ActivityFailure e) {
      log.error("could not deliver {}: {}", key, rootMessage(e));
      return null;
    }
  }

  private void record(int sequence, TransitionKind kind, Actor by, String detail) {
    RecordIncidentInput record = new RecordIncidentInput(snapshot(), new IncidentTransition(sequence, now(), kind, by, detail), message);
    recorded = recorded.thenCompose(previous -> Async.function(store::recordIncident, record).handle((stored, failure) -> {
      if (failure != null) {
        log.error("could not record transition {} ({}) of {}: {}", sequence, kind, input.incidentId(), rootMessage(failure));
      }
      return null;
    }));
  }

  private void createStubs() {
    // Both retry for a long time, as the monitor's store does: a message or a row lost to a short
    // outage would be an incident nobody hears of, or a hole in its history.
    RetryOptions retry = RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(1)).build();
    // An opening that joins a Slack digest waits for the digest's window (at most 5 minutes) before
    // it returns; a delivery keeps being retried for a day, so a Slack outage delays messages, never
    // loses them.
    deliveries = Workflow.newActivityStub(IncidentActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setScheduleToCloseTimeout(Duration.ofDays(1))
        .setRetryOptions(retry)
        .build());
    store = Workflow.newActivityStub(StoreActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(retry)
        .build());
  }

  // ---- state ----

  private int nextSequence() {
    return ++transitions;
  }

  private IncidentSnapshot snapshot() {
    return new IncidentSnapshot(input.incidentId(), input.product(), state, productState, input.openedAt(), now(), failing,
        acknowledgedAt, acknowledgedBy, snoozedUntil, resolvedAt, resolution, resolvedBy, note);
  }

  private IncidentProgress progress() {
    return new IncidentProgress(state, productState, failing, acknowledgedAt, acknowledgedBy, snoozedUntil, reached, message,
        lastReminderAt, inhibited, transitions);
  }

  private void restore(IncidentProgress carried) {
    state = carried.state();
    productState = carried.productState();
    failing = carried.failing();
    acknowledgedAt = carried.acknowledgedAt();
    acknowledgedBy = carried.acknowledgedBy();
    snoozedUntil = carried.snoozedUntil();
    reached.addAll(carried.reached());
    message = carried.message();
    lastReminderAt = carried.lastReminderAt() == null ? input.openedAt() : carried.lastReminderAt();
    inhibited = carried.inhibited();
    transitions = carried.transitions();
  }

  // ---- pure helpers ----

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static List<FailingCheck> pii(List<FailingCheck> checks) {
    return checks.stream().filter(f -> f.result().kind() == CheckKind.PII_HANDLING).toList();
  }

  private static List<String> idList(List<FailingCheck> checks) {
    return checks.stream().map(FailingCheck::checkId).toList();
  }

  private static String ids(List<FailingCheck> checks) {
    return checks.isEmpty() ? "none" : String.join(", ", idList(checks));
  }

  /** Which checks started and stopped failing, by id (never values). */
  private static String changeDetail(List<FailingCheck> before, List<FailingCheck> after) {
    Set<String> was = new HashSet<>(idList(before));
    Set<String> is = new HashSet<>(idList(after));
    String started = idList(after).stream().filter(id -> !was.contains(id)).collect(Collectors.joining(", "));
    String stopped = idList(before).stream().filter(id -> !is.contains(id)).collect(Collectors.joining(", "));
    StringBuilder detail = new StringBuilder("failing: ").append(ids(after));
    if (!started.isEmpty()) {
      detail.append("; started: ").append(started);
    }
    if (!stopped.isEmpty()) {
      detail.append("; stopped: ").append(stopped);
    }
    return detail.toString();
  }

  private static String human(Duration d) {
    long minutes = d.toMinutes();
    return minutes < 60 ? minutes + "m" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h " + minutes % 60 + "m";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return Objects.requireNonNullElse(t.getMessage(), t.getClass().getSimpleName());
  }
}
