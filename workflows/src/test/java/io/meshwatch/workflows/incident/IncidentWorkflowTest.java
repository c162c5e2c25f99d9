package io.meshwatch.workflows.incident;

import static io.meshwatch.workflows.activities.DeliveryIntent.ACKNOWLEDGED;
import static io.meshwatch.workflows.activities.DeliveryIntent.CONSUMER_NOTICE;
import static io.meshwatch.workflows.activities.DeliveryIntent.ESCALATED_TO_PLATFORM;
import static io.meshwatch.workflows.activities.DeliveryIntent.ESCALATED_TO_STEWARD;
import static io.meshwatch.workflows.activities.DeliveryIntent.OPENED;
import static io.meshwatch.workflows.activities.DeliveryIntent.REMINDER;
import static io.meshwatch.workflows.activities.DeliveryIntent.RESOLVED;
import static io.meshwatch.workflows.activities.DeliveryIntent.SNOOZED;
import static io.meshwatch.workflows.activities.DeliveryIntent.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.Fakes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The incident on its own, started as the monitor starts it, on the test server's skipped clock. */
class IncidentWorkflowTest {

  static final Instant START = Instant.parse("2026-07-01T08:00:00Z");
  static final Actor ALICE = new Actor("U123ALICE", "slack");

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  final Fakes.Incidents deliveries = new Fakes.Incidents();
  final Fakes.Store store = new Fakes.Store();

  static FailingCheck failing(String checkId, CheckKind kind) {
    return new FailingCheck(Fakes.fail(checkId, kind), START);
  }

  static IncidentInput input(ProductSpec spec, EscalationLadder ladder, List<FailingCheck> failing) {
    return new IncidentInput(IncidentInput.idFor(spec.id(), START), IncidentProduct.of(spec), START, ProductState.FAILING, failing,
        ladder, null);
  }

  static IncidentInput input(List<FailingCheck> failing) {
    return input(Fakes.spec(), EscalationLadder.defaults(), failing);
  }

  static IncidentInput revenueFailing() {
    return input(List.of(failing("custom:revenue_usd_gte_0", CheckKind.CUSTOM)));
  }

  private IncidentWorkflow open(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, IncidentInput input,
      int historyEventsLimit) {
    worker.registerWorkflowImplementationFactory(IncidentWorkflow.class, () -> new IncidentWorkflowImpl(historyEventsLimit));
    worker.registerActivitiesImplementations(deliveries, store);
    env.start();
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(input.incidentId()).setTaskQueue(worker.getTaskQueue()).build());
    WorkflowClient.start(incident::run, input);
    return incident;
  }

  private IncidentWorkflow open(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, IncidentInput input) {
    return open(env, worker, client, input, 0);
  }

  /** Sleeps until {@code offset} after the opening, on the workflow clock. */
  private static void sleepUntil(TestWorkflowEnvironment env, Duration offset) {
    Duration left = Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), START.plus(offset));
    if (left.isPositive()) {
      env.sleep(left);
    }
  }

  /**
   * How long after the opening {@code instant} is, to the second. The test server's clock runs on
   * while a workflow task starts, so an event due at 30m happens a few milliseconds after it; a
   * timer that fired early, or a poll, would show here.
   */
  private static Duration offset(Instant instant) {
    return Duration.between(START, instant).truncatedTo(ChronoUnit.SECONDS);
  }

  /** When a delivery happened, as {@link #offset}. */
  private static Duration at(DeliveryInput delivery) {
    return offset(delivery.incident().at());
  }

  private List<DeliveryInput> deliveries(DeliveryIntent intent) {
    return deliveries.sent.stream().filter(d -> d.intent() == intent).toList();
  }

  @Test
  void ladderReachesOwnerAtOnceStewardAt30MinutesAndPlatformAt2Hours(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());

    sleepUntil(env, Duration.ofMinutes(30).minusSeconds(1));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, CONSUMER_NOTICE);
    assertThat(at(deliveries.sent.get(0))).isZero();

    sleepUntil(env, Duration.ofMinutes(150));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent)
        .containsExactly(OPENED, CONSUMER_NOTICE, ESCALATED_TO_STEWARD, REMINDER, ESCALATED_TO_PLATFORM, REMINDER);
    assertThat(at(deliveries(ESCALATED_TO_STEWARD).get(0))).isEqualTo(Duration.ofMinutes(30));
    assertThat(at(deliveries(ESCALATED_TO_PLATFORM).get(0))).isEqualTo(Duration.ofHours(2));
    assertThat(deliveries(REMINDER)).extracting(IncidentWorkflowTest::at).containsExactly(Duration.ofHours(1), Duration.ofHours(2));

    // Everything after the opening edits or threads under the owner's main message.
    MessageRef main = new MessageRef("fake", "#owner", "ts-" + revenueFailing().incidentId() + "|OPENED|1");
    assertThat(deliveries.sent.get(0).message()).isNull();
    assertThat(deliveries.sent.subList(1, deliveries.sent.size())).allSatisfy(d -> assertThat(d.message()).isEqualTo(main));
    IncidentStatus status = incident.status();
    assertThat(status.state()).isEqualTo(IncidentState.OPEN);
    assertThat(status.reached()).containsExactlyInAnyOrder(Audience.OWNER, Audience.CONSUMERS, Audience.STEWARD, Audience.PLATFORM);
    assertThat(status.message()).isEqualTo(main);
  }

  @Test
  void aProductsEscalationOverridesTheDefaultLadder(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    EscalationLadder ladder = EscalationLadder.defaults().with(new EscalationSpec(10L, 45L, 20L));
    open(env, worker, client, input(Fakes.spec(), ladder, List.of(failing("custom:revenue_usd_gte_0", CheckKind.CUSTOM))));

    sleepUntil(env, Duration.ofMinutes(50));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent)
        .containsExactly(OPENED, CONSUMER_NOTICE, ESCALATED_TO_STEWARD, REMINDER, REMINDER, ESCALATED_TO_PLATFORM);
    assertThat(deliveries.sent.subList(2, 6)).extracting(IncidentWorkflowTest::at).containsExactly(
        Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofMinutes(45));
  }

  @Test
  void acknowledgementStopsTheLadderAndRemindersGoOnInTheThread(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(10));
    incident.acknowledge(new AcknowledgeRequest(ALICE));

    sleepUntil(env, Duration.ofMinutes(140));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, CONSUMER_NOTICE, ACKNOWLEDGED, REMINDER, REMINDER);
    assertThat(at(deliveries(ACKNOWLEDGED).get(0))).isEqualTo(Duration.ofMinutes(10));
    // The reminder clock restarts with the acknowledgement's reply in the thread.
    assertThat(deliveries(REMINDER)).extracting(IncidentWorkflowTest::at)
        .containsExactly(Duration.ofMinutes(70), Duration.ofMinutes(130));
    MessageRef main = deliveries.sent.stream().filter(d -> d.intent() == ACKNOWLEDGED).findFirst().orElseThrow().message();
    assertThat(main).isNotNull();
    assertThat(deliveries(REMINDER)).allSatisfy(d -> assertThat(d.message()).isEqualTo(main));

    IncidentStatus status = incident.status();
    assertThat(status.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    assertThat(status.acknowledgedBy()).isEqualTo(ALICE);
    assertThat(offset(status.acknowledgedAt())).isEqualTo(Duration.ofMinutes(10));
    assertThat(status.reached()).doesNotContain(Audience.STEWARD, Audience.PLATFORM);
    RecordIncidentInput ack = store.incidents.stream().filter(r -> r.transition().kind() == TransitionKind.ACKNOWLEDGED).findFirst().orElseThrow();
    assertThat(ack.transition().by()).isEqualTo(ALICE);
    assertThat(ack.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
  }

  @Test
  void snoozeDelaysTheLadderToItsEnd(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(10));
    incident.snooze(new SnoozeRequest(ALICE, Duration.ofHours(1)));

    sleepUntil(env, Duration.ofMinutes(69));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, CONSUMER_NOTICE, SNOOZED);
    assertThat(incident.status().state()).isEqualTo(IncidentState.SNOOZED);
    assertThat(offset(incident.status().snoozedUntil())).isEqualTo(Duration.ofMinutes(70));

    sleepUntil(env, Duration.ofMinutes(125));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent)
        .containsExactly(OPENED, CONSUMER_NOTICE, SNOOZED, ESCALATED_TO_STEWARD, ESCALATED_TO_PLATFORM);
    // The steward step fell due at 30m, during the snooze: it runs when the snooze ends, not before.
    assertThat(at(deliveries(ESCALATED_TO_STEWARD).get(0))).isEqualTo(Duration.ofMinutes(70));
    assertThat(at(deliveries(ESCALATED_TO_PLATFORM).get(0))).isEqualTo(Duration.ofHours(2));
    assertThat(incident.status().state()).isEqualTo(IncidentState.OPEN);
    assertThat(store.kinds(revenueFailing().incidentId())).containsSubsequence(
        TransitionKind.SNOOZED, TransitionKind.UNSNOOZED, TransitionKind.ESCALATED_TO_STEWARD, TransitionKind.ESCALATED_TO_PLATFORM);
    RecordIncidentInput unsnoozed = store.incidents.stream().filter(r -> r.transition().kind() == TransitionKind.UNSNOOZED)
        .findFirst().orElseThrow();
    assertThat(offset(unsnoozed.transition().at())).isEqualTo(Duration.ofMinutes(70));
  }

  @Test
  void recoveryResolvesItEditingTheMainMessageAndEndsTheIncident(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(133));
    incident.productRecovered(new ProductRecovered(ProductState.HEALTHY));

    IncidentResult result = WorkflowStub.fromTyped(incident).getResult(IncidentResult.class);
    assertThat(result.resolution()).isEqualTo(Resolution.RECOVERED);
    assertThat(result.resolvedBy()).isEqualTo(Actor.MESHWATCH);
    assertThat(offset(result.resolvedAt())).isEqualTo(Duration.ofMinutes(133));
    DeliveryInput resolved = deliveries(RESOLVED).get(0);
    assertThat(deliveries(RESOLVED)).hasSize(1);
    assertThat(resolved.message()).isEqualTo(deliveries.sent.get(1).message()).isNotNull();
    // What the delivery side needs to write "resolved after 2h 13m".
    assertThat(resolved.incident().openedAt()).isEqualTo(START);
    assertThat(offset(resolved.incident().resolvedAt())).isEqualTo(Duration.ofMinutes(133));
    assertThat(resolved.incident().state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(resolved.incident().productState()).isEqualTo(ProductState.HEALTHY);
    assertThat(store.kinds(revenueFailing().incidentId())).last().isEqualTo(TransitionKind.RESOLVED);
  }

  @Test
  void resolvedByHandWithAReasonAndANote(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(5));
    incident.resolve(new ResolveRequest(ALICE, Resolution.FALSE_POSITIVE, "refunds are negative by design"));

    IncidentResult result = WorkflowStub.fromTyped(incident).getResult(IncidentResult.class);
    assertThat(result.resolution()).isEqualTo(Resolution.FALSE_POSITIVE);
    assertThat(result.resolvedBy()).isEqualTo(ALICE);
    DeliveryInput resolved = deliveries(RESOLVED).get(0);
    assertThat(resolved.incident().note()).isEqualTo("refunds are negative by design");
    assertThat(resolved.incident().resolution()).isEqualTo(Resolution.FALSE_POSITIVE);
    RecordIncidentInput stored = store.incidents.get(store.incidents.size() - 1);
    assertThat(stored.transition().kind()).isEqualTo(TransitionKind.RESOLVED);
    assertThat(stored.transition().by()).isEqualTo(ALICE);
    assertThat(stored.transition().detail()).isEqualTo("false_positive: refunds are negative by design");
  }

  @Test
  void piiViolationReachesOwnerAndStewardAtOnce(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, input(List.of(failing("pii:customer_email", CheckKind.PII_HANDLING))));

    sleepUntil(env, Duration.ofMinutes(59));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, ESCALATED_TO_STEWARD, CONSUMER_NOTICE);
    assertThat(deliveries.sent).extracting(IncidentWorkflowTest::at).containsOnly(Duration.ZERO);
    assertThat(incident.status().reached()).contains(Audience.OWNER, Audience.STEWARD);
    RecordIncidentInput steward = store.incidents.stream().filter(r -> r.transition().kind() == TransitionKind.ESCALATED_TO_STEWARD)
        .findFirst().orElseThrow();
    assertThat(steward.transition().detail()).isEqualTo("PII-handling violation: pii:customer_email");
  }

  @Test
  void changedChecksUpdateTheIncidentAndANewPiiFailureReachesTheSteward(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    FailingCheck revenue = failing("custom:revenue_usd_gte_0", CheckKind.CUSTOM);
    FailingCheck notNull = new FailingCheck(Fakes.fail("not_null:order_id", CheckKind.NOT_NULL), START.plus(Duration.ofMinutes(15)));

    sleepUntil(env, Duration.ofMinutes(15));
    incident.checksChanged(new IncidentChange(ProductState.FAILING, List.of(revenue, notNull)));
    env.sleep(Duration.ofSeconds(1));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, CONSUMER_NOTICE, UPDATED);
    assertThat(deliveries(UPDATED).get(0).incident().failing()).containsExactly(revenue, notNull);

    // The same checks with other values: kept, not announced.
    FailingCheck worse = new FailingCheck(new io.meshwatch.workflows.model.CheckResult("custom:revenue_usd_gte_0", CheckKind.CUSTOM,
        io.meshwatch.workflows.model.Outcome.FAIL, 0.4, 1.0, 60L, 100L, "60 of 100 rows violate"), START);
    sleepUntil(env, Duration.ofMinutes(20));
    incident.checksChanged(new IncidentChange(ProductState.FAILING, List.of(worse, notNull)));
    env.sleep(Duration.ofSeconds(1));
    assertThat(deliveries.sent).hasSize(3);
    assertThat(incident.status().failing()).containsExactly(worse, notNull);

    FailingCheck pii = new FailingCheck(Fakes.fail("pii:customer_email", CheckKind.PII_HANDLING), START.plus(Duration.ofMinutes(25)));
    sleepUntil(env, Duration.ofMinutes(25));
    incident.checksChanged(new IncidentChange(ProductState.FAILING, List.of(worse, notNull, pii)));
    env.sleep(Duration.ofSeconds(1));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent)
        .containsExactly(OPENED, CONSUMER_NOTICE, UPDATED, UPDATED, ESCALATED_TO_STEWARD);
    assertThat(at(deliveries(ESCALATED_TO_STEWARD).get(0))).isEqualTo(Duration.ofMinutes(25));

    // Reached already: the ladder's steward step at 30m does not repeat it.
    sleepUntil(env, Duration.ofMinutes(59));
    assertThat(deliveries(ESCALATED_TO_STEWARD)).hasSize(1);
    RecordIncidentInput updated = store.incidents.stream().filter(r -> r.transition().kind() == TransitionKind.UPDATED).findFirst()
        .orElseThrow();
    assertThat(updated.transition().detail()).isEqualTo("failing: custom:revenue_usd_gte_0, not_null:order_id; started: not_null:order_id");
  }

  @Test
  void noConsumerNoticeWithoutConsumers(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductSpec base = Fakes.spec();
    ProductSpec noConsumers = new ProductSpec(base.id(), base.owner(), base.steward(), base.description(), base.output(), base.schema(),
        base.quality(), List.of(), base.sla(), base.escalation(), base.alerts());
    IncidentWorkflow incident = open(env, worker, client,
        input(noConsumers, EscalationLadder.defaults(), List.of(failing("custom:revenue_usd_gte_0", CheckKind.CUSTOM))));

    sleepUntil(env, Duration.ofMinutes(1));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED);
    assertThat(incident.status().reached()).containsExactly(Audience.OWNER);
  }

  @Test
  void everyTransitionIsRecordedOnceWithIncreasingNumbers(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(10));
    incident.snooze(new SnoozeRequest(ALICE, Duration.ofMinutes(30)));
    sleepUntil(env, Duration.ofMinutes(50));
    incident.acknowledge(new AcknowledgeRequest(ALICE));
    // A second acknowledgement changes nothing and is not recorded again.
    incident.acknowledge(new AcknowledgeRequest(new Actor("bob", "cli")));
    sleepUntil(env, Duration.ofMinutes(60));
    incident.resolve(new ResolveRequest(ALICE, Resolution.FIXED, null));
    WorkflowStub.fromTyped(incident).getResult(IncidentResult.class);

    assertThat(store.incidents).extracting(r -> r.transition().kind()).containsExactly(
        TransitionKind.OPENED, TransitionKind.SNOOZED, TransitionKind.UNSNOOZED, TransitionKind.ESCALATED_TO_STEWARD,
        TransitionKind.ACKNOWLEDGED, TransitionKind.RESOLVED);
    assertThat(store.incidents).extracting(r -> r.transition().sequence()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(store.incidents).extracting(r -> r.transition().at()).isSorted();
    // Delivery keys name the transition they belong to, so each is unique per intent.
    assertThat(deliveries.sent).extracting(DeliveryInput::key).doesNotHaveDuplicates()
        .contains(revenueFailing().incidentId() + "|OPENED|1", revenueFailing().incidentId() + "|CONSUMER_NOTICE|1",
            revenueFailing().incidentId() + "|ACKNOWLEDGED|5", revenueFailing().incidentId() + "|RESOLVED|6");
  }

  @Test
  void continueAsNewKeepsTheIncidentsState(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentInput input = revenueFailing();
    IncidentWorkflow incident = open(env, worker, client, input, 30);
    String firstRun = client.newUntypedWorkflowStub(input.incidentId()).describe().getExecution().getRunId();
    sleepUntil(env, Duration.ofMinutes(10));
    incident.acknowledge(new AcknowledgeRequest(ALICE));

    sleepUntil(env, Duration.ofMinutes(10 + 60 * 8 + 30));
    String laterRun = client.newUntypedWorkflowStub(input.incidentId()).describe().getExecution().getRunId();
    assertThat(laterRun).isNotEqualTo(firstRun);
    IncidentStatus status = incident.status();
    assertThat(status.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    assertThat(status.acknowledgedBy()).isEqualTo(ALICE);
    assertThat(status.message()).isEqualTo(deliveries.sent.get(1).message()).isNotNull();
    // One reminder an hour across the runs, on the acknowledgement's cadence, never a second opening.
    assertThat(deliveries(REMINDER)).extracting(IncidentWorkflowTest::at)
        .containsExactly(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(h -> Duration.ofMinutes(10 + 60L * h)).toArray(Duration[]::new));
    assertThat(deliveries(OPENED)).hasSize(1);
    assertThat(store.incidents).extracting(r -> r.transition().sequence()).doesNotHaveDuplicates().isSorted();
    assertThat(store.incidents).extracting(r -> r.transition().sequence()).last().isEqualTo(store.incidents.size());

    incident.productRecovered(new ProductRecovered(ProductState.HEALTHY));
    assertThat(WorkflowStub.fromTyped(incident).getResult(IncidentResult.class).resolution()).isEqualTo(Resolution.RECOVERED);
  }

  @Test
  void inhibitionSilencesTheIncidentUntilTheSourceIsBack(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(10));
    incident.sourceInhibition(new SourceInhibition(true, "snowflake-prod"));

    sleepUntil(env, Duration.ofHours(3));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, CONSUMER_NOTICE);
    assertThat(incident.status().inhibited()).isTrue();

    incident.sourceInhibition(new SourceInhibition(false, "snowflake-prod"));
    env.sleep(Duration.ofSeconds(1));
    // Back and still failing: the steps that fell due meanwhile run now.
    assertThat(deliveries.sent).extracting(DeliveryInput::intent)
        .containsExactly(OPENED, CONSUMER_NOTICE, ESCALATED_TO_STEWARD, ESCALATED_TO_PLATFORM);
    assertThat(store.kinds(revenueFailing().incidentId())).containsExactly(TransitionKind.OPENED, TransitionKind.INHIBITED,
        TransitionKind.UNINHIBITED, TransitionKind.ESCALATED_TO_STEWARD, TransitionKind.ESCALATED_TO_PLATFORM);
  }

  @Test
  void aStoreOutageDelaysTheRecordsButNoMessage(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    store.incidentsFailing = true;
    IncidentWorkflow incident = open(env, worker, client, input(List.of(failing("pii:customer_email", CheckKind.PII_HANDLING))));

    sleepUntil(env, Duration.ofMinutes(40));
    assertThat(deliveries.sent).extracting(DeliveryInput::intent).containsExactly(OPENED, ESCALATED_TO_STEWARD, CONSUMER_NOTICE);
    assertThat(deliveries.sent).extracting(IncidentWorkflowTest::at).containsOnly(Duration.ZERO);
    assertThat(store.incidents).isEmpty();

    store.incidentsFailing = false;
    incident.acknowledge(new AcknowledgeRequest(ALICE));
    sleepUntil(env, Duration.ofMinutes(45));
    // Recorded in order once the store is back, each once, with the time each happened.
    assertThat(store.incidents).extracting(r -> r.transition().kind())
        .containsExactly(TransitionKind.OPENED, TransitionKind.ESCALATED_TO_STEWARD, TransitionKind.ACKNOWLEDGED);
    assertThat(store.incidents).extracting(r -> offset(r.transition().at()))
        .containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(40));
  }

  @Test
  void aDeliveryOutageDelaysTheLadderButDoesNotStopIt(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    deliveries.failing = true;
    IncidentWorkflow incident = open(env, worker, client, revenueFailing());
    sleepUntil(env, Duration.ofMinutes(5));
    // Recorded before its first message went out: the API and the metrics show it during the outage.
    assertThat(store.kinds(revenueFailing().incidentId())).containsExactly(TransitionKind.OPENED);
    sleepUntil(env, Duration.ofMinutes(65));
    deliveries.failing = false;

    sleepUntil(env, Duration.ofMinutes(140));
    // The opening was retried until the outage ended; the incident went on and the steward, due meanwhile, was reached.
    assertThat(store.kinds(revenueFailing().incidentId())).startsWith(TransitionKind.OPENED, TransitionKind.ESCALATED_TO_STEWARD);
    assertThat(deliveries(ESCALATED_TO_STEWARD)).hasSize(1);
    assertThat(deliveries(ESCALATED_TO_PLATFORM)).hasSize(1);
    assertThat(incident.status().state()).isEqualTo(IncidentState.OPEN);
  }
}
