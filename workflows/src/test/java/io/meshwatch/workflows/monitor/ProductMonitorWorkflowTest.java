package io.meshwatch.workflows.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentResult;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductMonitorWorkflowTest {

  /** 05:00 UTC: an hour before the daily refresh is expected, three before its deadline. */
  static final Instant START = Instant.parse("2026-07-01T05:00:00Z");
  static final Instant DEADLINE = Instant.parse("2026-07-01T08:00:00Z");
  /** A poll interval that never lands on the deadline, so only the deadline timer can fire there. */
  static final Duration POLL = Duration.ofMinutes(25);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ProductMonitorWorkflowImpl.class, IncidentWorkflowImpl.class, SourceOutageWorkflowImpl.class)
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  final Fakes.Warehouse warehouse = new Fakes.Warehouse(Instant.parse("2026-06-30T06:10:00Z"));
  final Fakes.Store store = new Fakes.Store();
  final Fakes.Incidents incidents = new Fakes.Incidents();
  final Fakes.Sources sources = new Fakes.Sources();

  private ProductMonitorWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, MonitorSettings settings) {
    worker.registerActivitiesImplementations(warehouse, store, incidents, sources);
    env.start();
    ProductSpec spec = Fakes.spec();
    ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(spec.id().workflowId()).setTaskQueue(worker.getTaskQueue()).build());
    WorkflowClient.start(monitor::monitor, new MonitorInput(spec, 1, settings, null));
    return monitor;
  }

  private static MonitorSettings settings() {
    return MonitorSettings.defaults().withPollInterval(POLL);
  }

  /** The deliveries of one intent, across incidents. */
  private List<DeliveryInput> sent(DeliveryIntent intent) {
    return incidents.sent.stream().filter(d -> d.intent() == intent).toList();
  }

  @Test
  void lateProductBreachesExactlyAtItsDeadlineAndRecoversWhenDataLands(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());

    env.sleep(Duration.between(START, DEADLINE).minusSeconds(1));
    assertThat(incidents.sent).isEmpty();
    assertThat(monitor.status().state()).isEqualTo(ProductState.HEALTHY);

    env.sleep(Duration.ofMinutes(30));
    assertThat(sent(DeliveryIntent.OPENED)).hasSize(1);
    DeliveryInput breach = sent(DeliveryIntent.OPENED).get(0);
    // The breach starts at the deadline itself; it is opened by the deadline timer, not the next
    // poll (08:20): the only slack is the test server's clock running while the workflow task starts.
    assertThat(breach.incident().incidentId()).isEqualTo(IncidentInput.idFor(Fakes.spec().id(), DEADLINE));
    assertThat(breach.incident().openedAt()).isBetween(DEADLINE, DEADLINE.plusSeconds(1));
    assertThat(breach.incident().failing()).singleElement().satisfies(f -> {
      assertThat(f.checkId()).isEqualTo("freshness");
      assertThat(f.since()).isEqualTo(DEADLINE);
    });
    assertThat(breach.incident().product().consumers()).extracting(c -> c.team()).containsExactly("finance");
    assertThat(monitor.status().incidentId()).isEqualTo(breach.incident().incidentId());
    RecordCycleInput late = store.cycles.stream().filter(c -> c.state() == ProductState.LATE).findFirst().orElseThrow();
    assertThat(late.at()).isBetween(DEADLINE, DEADLINE.plusSeconds(1));
    assertThat(late.stateSince()).isEqualTo(DEADLINE);
    assertThat(monitor.status().state()).isEqualTo(ProductState.LATE);
    assertThat(monitor.status().stateSince()).isEqualTo(DEADLINE);

    Instant landed = Instant.parse("2026-07-01T09:00:00Z");
    env.sleep(Duration.between(DEADLINE.plus(Duration.ofMinutes(30)), landed));
    warehouse.land(landed, "v2");
    env.sleep(POLL.plusSeconds(1));

    assertThat(sent(DeliveryIntent.RESOLVED)).hasSize(1);
    DeliveryInput recovered = sent(DeliveryIntent.RESOLVED).get(0);
    assertThat(recovered.incident().incidentId()).isEqualTo(breach.incident().incidentId());
    assertThat(recovered.incident().resolution()).isEqualTo(Resolution.RECOVERED);
    assertThat(recovered.incident().resolvedAt()).isAfterOrEqualTo(landed).isBefore(landed.plus(POLL).plusSeconds(1));
    // The resolution edits the incident's main message, the one its opening posted.
    assertThat(recovered.message()).isEqualTo(new MessageRef("fake", "#owner", "ts-" + breach.key()));
    assertThat(client.newUntypedWorkflowStub(breach.incident().incidentId()).getResult(IncidentResult.class).resolution())
        .isEqualTo(Resolution.RECOVERED);
    assertThat(monitor.status().state()).isEqualTo(ProductState.HEALTHY);
    assertThat(monitor.status().incidentId()).isNull();
    assertThat(monitor.status().breachOpen()).isFalse();
    // The new data version was scanned: one evaluation at start, one after the landing.
    assertThat(warehouse.evaluations).hasSize(2);
  }

  @Test
  void unchangedDataIsNotScannedAgainUntilAskedTo(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.lastUpdated = Instant.parse("2026-07-01T04:30:00Z");
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());

    env.sleep(Duration.ofHours(2));
    assertThat(warehouse.probes.size()).isGreaterThanOrEqualTo(5);
    assertThat(warehouse.evaluations).hasSize(1);

    monitor.evaluateNow(new EvaluateNow("test"));
    env.sleep(Duration.ofSeconds(1));
    assertThat(warehouse.evaluations).hasSize(2);
    assertThat(monitor.status().evaluations()).isEqualTo(2);
    // The evaluation's bytes reach the store with its cycle; a cycle that only probed cost none.
    assertThat(store.cycles).filteredOn(RecordCycleInput::evaluated).hasSize(2).allSatisfy(c -> {
      assertThat(c.bytesProcessed()).isEqualTo(Fakes.Warehouse.BYTES_PROCESSED);
      assertThat(c.bytesBilled()).isEqualTo(Fakes.Warehouse.BYTES_BILLED);
    });
    assertThat(store.cycles).filteredOn(c -> !c.evaluated()).isNotEmpty()
        .allSatisfy(c -> assertThat(c.bytesProcessed() + c.bytesBilled()).isZero());
  }

  @Test
  void specUpdateReachesTheRunningWorkflowAndStartsNoSecondOne(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());
    env.sleep(Duration.ofMinutes(1));
    WorkflowExecution first = WorkflowStubs.execution(client, Fakes.spec().id().workflowId());

    ProductSpec v2 = withCustomCheck(Fakes.spec());
    ProductMonitorWorkflow again = client.newWorkflowStub(ProductMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(v2.id().workflowId()).setTaskQueue(worker.getTaskQueue()).build());
    var request = client.newSignalWithStartRequest();
    request.add(again::monitor, new MonitorInput(v2, 2, settings(), null));
    request.add(again::applySpec, new SpecUpdate(v2, 2));
    WorkflowExecution second = client.signalWithStart(request);
    env.sleep(Duration.ofSeconds(5));

    assertThat(second.getRunId()).isEqualTo(first.getRunId());
    assertThat(monitor.status().specVersion()).isEqualTo(2);
    // A changed spec is evaluated at once even though the data did not change.
    assertThat(warehouse.evaluations).hasSize(2);
    assertThat(warehouse.evaluations.get(1).spec().quality().customChecks()).hasSize(1);

    // An older version arriving late is ignored.
    monitor.applySpec(new SpecUpdate(Fakes.spec(), 1));
    env.sleep(Duration.ofSeconds(5));
    assertThat(monitor.status().specVersion()).isEqualTo(2);
  }

  @Test
  void continueAsNewKeepsStateAndReachesTheSameIncident(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, settings().withHistoryEventsLimit(40));
    String workflowId = Fakes.spec().id().workflowId();
    String firstRun = WorkflowStubs.execution(client, workflowId).getRunId();

    env.sleep(Duration.ofHours(12));

    String laterRun = WorkflowStubs.execution(client, workflowId).getRunId();
    assertThat(laterRun).isNotEqualTo(firstRun);
    ProductStatus status = monitor.status();
    assertThat(status.state()).isEqualTo(ProductState.LATE);
    assertThat(status.stateSince()).isEqualTo(DEADLINE);
    assertThat(status.breachOpen()).isTrue();
    assertThat(status.breachSince()).isEqualTo(DEADLINE);
    assertThat(status.incidentId()).isEqualTo(IncidentInput.idFor(Fakes.spec().id(), DEADLINE));
    // Cycles and evaluations carried across runs: one evaluation (data never changed) and every poll counted.
    assertThat(status.evaluations()).isEqualTo(1);
    assertThat(status.cycles()).isGreaterThanOrEqualTo(Duration.ofHours(12).dividedBy(POLL));
    assertThat(sent(DeliveryIntent.OPENED)).hasSize(1);
    assertThat(incidents.incidentIds()).containsExactly(status.incidentId());
    assertThat(status.results()).extracting(r -> r.checkId()).contains("freshness", "not_null:order_id");

    // A later run still reaches the incident the first one opened: another failing check updates it ...
    warehouse.results = List.of(Fakes.fail("not_null:order_id", CheckKind.NOT_NULL));
    warehouse.version = "v2";
    env.sleep(POLL);
    assertThat(sent(DeliveryIntent.UPDATED)).singleElement().satisfies(d -> {
      assertThat(d.incident().incidentId()).isEqualTo(status.incidentId());
      assertThat(d.incident().failing()).extracting(f -> f.checkId()).containsExactly("freshness", "not_null:order_id");
    });

    // ... and the recovery resolves it. Waiting on its result, not on a sleep: Temporal's test server
    // stops skipping time once a child ends after its parent's run continued-as-new (it keeps a
    // lock for reporting to the closed run), so nothing may sleep after this in this test.
    warehouse.results = List.of(Fakes.pass("not_null:order_id", CheckKind.NOT_NULL));
    warehouse.land(Instant.ofEpochMilli(env.currentTimeMillis()), "v3");
    assertThat(client.newUntypedWorkflowStub(status.incidentId()).getResult(IncidentResult.class).resolution())
        .isEqualTo(Resolution.RECOVERED);
    assertThat(sent(DeliveryIntent.RESOLVED)).singleElement()
        .satisfies(d -> assertThat(d.incident().incidentId()).isEqualTo(status.incidentId()));
    assertThat(sent(DeliveryIntent.OPENED)).hasSize(1);
  }

  @Test
  void failingCheckOpensOneIncidentUpdatesItAndRecovers(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.lastUpdated = Instant.parse("2026-07-01T04:30:00Z");
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), Fakes.pass("not_null:order_id", CheckKind.NOT_NULL));
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());
    env.sleep(Duration.ofMinutes(1));
    assertThat(monitor.status().state()).isEqualTo(ProductState.FAILING);
    assertThat(sent(DeliveryIntent.OPENED)).singleElement().satisfies(d ->
        assertThat(d.incident().failing()).extracting(f -> f.checkId()).containsExactly("custom:revenue_usd_gte_0"));
    String incidentId = monitor.status().incidentId();

    // Another check starts failing: the same incident is updated, not reopened.
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), Fakes.fail("not_null:order_id", CheckKind.NOT_NULL));
    warehouse.version = "v2";
    env.sleep(POLL);
    assertThat(sent(DeliveryIntent.UPDATED)).singleElement().satisfies(d -> {
      assertThat(d.incident().incidentId()).isEqualTo(incidentId);
      assertThat(d.incident().failing()).extracting(f -> f.checkId()).containsExactly("custom:revenue_usd_gte_0", "not_null:order_id");
      // Since when each fails: the first from the opening, the second from the cycle that saw it.
      assertThat(d.incident().failing().get(0).since()).isBefore(d.incident().failing().get(1).since());
    });

    // Unchanged failures open and update nothing more (the ladder runs on).
    env.sleep(POLL.multipliedBy(3));
    assertThat(sent(DeliveryIntent.OPENED)).hasSize(1);
    assertThat(sent(DeliveryIntent.UPDATED)).hasSize(1);
    assertThat(incidents.incidentIds()).containsExactly(incidentId);

    warehouse.results = List.of(Fakes.pass("custom:revenue_usd_gte_0", CheckKind.CUSTOM), Fakes.pass("not_null:order_id", CheckKind.NOT_NULL));
    warehouse.version = "v3";
    env.sleep(POLL);
    assertThat(sent(DeliveryIntent.RESOLVED)).singleElement().satisfies(d -> assertThat(d.incident().incidentId()).isEqualTo(incidentId));
    assertThat(monitor.status().state()).isEqualTo(ProductState.HEALTHY);
  }

  @Test
  void pausedMonitorNeitherProbesNorAlertsAndResumesWithAnEvaluation(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());
    env.sleep(Duration.ofMinutes(1));
    monitor.pause(new PauseRequest("ops", "backfill"));
    env.sleep(Duration.ofSeconds(1));
    int probesWhenPaused = warehouse.probes.size();

    env.sleep(Duration.ofHours(5));
    assertThat(warehouse.probes).hasSize(probesWhenPaused);
    assertThat(incidents.sent).isEmpty();
    assertThat(monitor.status().state()).isEqualTo(ProductState.PAUSED);
    assertThat(store.cycles).anySatisfy(c -> assertThat(c.state()).isEqualTo(ProductState.PAUSED));

    monitor.resume(new ResumeRequest("ops"));
    env.sleep(Duration.ofSeconds(1));
    assertThat(warehouse.probes.size()).isGreaterThan(probesWhenPaused);
    assertThat(warehouse.evaluations).hasSize(2);
    // Resumed after the deadline with no new data: late, from the deadline on.
    assertThat(monitor.status().state()).isEqualTo(ProductState.LATE);
  }

  @Test
  void unreachableWarehouseGivesErrorAndTheMonitorKeepsRunning(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.lastUpdated = Instant.parse("2026-07-01T04:30:00Z");
    warehouse.probeThrows = true;
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());
    env.sleep(Duration.ofMinutes(2));
    ProductStatus status = monitor.status();
    assertThat(status.state()).isEqualTo(ProductState.ERROR);
    assertThat(status.freshness().reason()).contains("connection refused");
    assertThat(warehouse.evaluations).isEmpty();
    // A probe that failed is ERROR, not a breach, and no source outage (the connection was not named).
    assertThat(incidents.sent).isEmpty();
    assertThat(sources.reports).isEmpty();

    warehouse.probeThrows = false;
    env.sleep(POLL);
    assertThat(monitor.status().state()).isEqualTo(ProductState.HEALTHY);
    assertThat(warehouse.evaluations).hasSize(1);
  }

  @Test
  void retiringEndsTheMonitor(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, settings());
    env.sleep(Duration.ofMinutes(1));
    monitor.retire(new RetireRequest("platform"));
    MonitorResult result = WorkflowStubs.result(client, Fakes.spec().id().workflowId());
    assertThat(result.retiredBy()).isEqualTo("platform");
    assertThat(result.evaluations()).isEqualTo(1);
  }

  private static ProductSpec withCustomCheck(ProductSpec spec) {
    QualitySpec q = spec.quality();
    QualitySpec quality = new QualitySpec(q.freshnessSlaHours(), q.completenessThreshold(),
        List.of(new CustomCheckSpec("revenue_usd_gte_0", "revenue_usd >= 0", Severity.FAIL, 0)),
        q.freshnessColumn(), q.partitionColumn(), q.lookback());
    return new ProductSpec(spec.id(), spec.owner(), spec.steward(), spec.description(), spec.output(), spec.schema(),
        quality, spec.consumers(), spec.sla(), spec.escalation(), spec.alerts());
  }
}
