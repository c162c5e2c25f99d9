package io.meshwatch.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.incident.AcknowledgeRequest;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentChange;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentResult;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.incident.ProductRecovered;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.incident.SnoozeRequest;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import io.meshwatch.workflows.monitor.EvaluateNow;
import io.meshwatch.workflows.monitor.Fakes;
import io.meshwatch.workflows.monitor.MonitorInput;
import io.meshwatch.workflows.monitor.MonitorResult;
import io.meshwatch.workflows.monitor.MonitorSettings;
import io.meshwatch.workflows.monitor.PauseRequest;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflowImpl;
import io.meshwatch.workflows.monitor.ResumeRequest;
import io.meshwatch.workflows.monitor.RetireRequest;
import io.meshwatch.workflows.monitor.SpecUpdate;
import io.meshwatch.workflows.source.SourceOutageResult;
import io.meshwatch.workflows.source.SourceOutageWorkflow;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The scenarios whose histories are committed as replay fixtures under {@code histories/}. Each one
 * drives the real workflow implementations with the hand-written fakes on the test server's
 * time-skipping clock, from a fixed start instant, with a fixed task queue and client identity, one
 * activity at a time: so a re-recording takes the same path with the same activities, timers and
 * children. What may differ is timing only: run ids, the milliseconds the test server's clock runs on
 * while a workflow task starts, how completions batch into workflow tasks, and, where two workflows
 * talk, whether a signal lands just before or after a timer due at the same moment. Every such
 * recording is a valid history to replay. Every scenario ends its workflows, so each
 * fixture is a complete history, and asserts it reached the path it is named after: a fixture that
 * silently stopped exercising its path would protect nothing.
 */
final class HistoryScenarios {

  static final String TASK_QUEUE = "meshwatch-history-fixtures";
  static final String IDENTITY = "meshwatch-history-recorder";
  static final Duration POLL = Duration.ofMinutes(25);
  static final Actor ALICE = new Actor("U123ALICE", "slack");

  private HistoryScenarios() {}

  /** Where a history lives, relative to the test resources: {@code histories/<workflow>/<scenario>.json}. */
  record Fixture(String workflow, String scenario) {
    String resource() {
      return "histories/" + workflow + "/" + scenario + ".json";
    }

    @Override
    public String toString() {
      return workflow + "/" + scenario;
    }
  }

  record Recorded(Fixture fixture, WorkflowExecutionHistory history) {}

  record Scenario(String name, Function<Harness, List<Recorded>> body) {}

  static final String MONITOR = "product-monitor";
  static final String INCIDENT = "incident";
  static final String SOURCE_OUTAGE = "source-outage";

  static List<Scenario> all() {
    return List.of(
        new Scenario("monitor breach and recovery", HistoryScenarios::monitorBreachAndRecovery),
        new Scenario("monitor spec update and evaluate-now", HistoryScenarios::monitorSpecUpdate),
        new Scenario("monitor pause and resume", HistoryScenarios::monitorPauseAndResume),
        new Scenario("incident escalate, acknowledge, resolve", HistoryScenarios::incidentEscalateAcknowledgeResolve),
        new Scenario("incident snooze, update, recover", HistoryScenarios::incidentSnoozeUpdateRecover),
        new Scenario("source outage and recovery", HistoryScenarios::sourceOutageAndRecovery));
  }

  /** Runs every scenario, each in a fresh test environment. */
  static List<Recorded> recordAll() {
    return all().stream().flatMap(s -> {
      try (Harness h = new Harness()) {
        return s.body().apply(h).stream();
      }
    }).toList();
  }

  /**
   * Stale data at 05:00, the deadline at 08:00 opens an incident (a child workflow), data lands at
   * 09:00 and the next poll resolves it; then the product is retired. Keeps the child's history too.
   */
  static List<Recorded> monitorBreachAndRecovery(Harness h) {
    h.warehouse.lastUpdated = Instant.parse("2026-06-30T06:10:00Z");
    ProductSpec spec = Fakes.spec("orders-breach");
    ProductMonitorWorkflow monitor = h.startMonitor(spec);

    h.env.sleep(Duration.ofHours(3).plusMinutes(30));
    String incidentId = monitor.status().incidentId();
    assertThat(incidentId).isEqualTo(IncidentInput.idFor(spec.id(), Instant.parse("2026-07-01T08:00:00Z")));
    assertThat(monitor.status().state()).isEqualTo(ProductState.LATE);

    h.env.sleep(Duration.ofMinutes(30));
    h.warehouse.land(h.now(), "v2");
    h.env.sleep(POLL.plusSeconds(1));
    assertThat(monitor.status().state()).isEqualTo(ProductState.HEALTHY);
    IncidentResult incident = h.client.newUntypedWorkflowStub(incidentId).getResult(IncidentResult.class);
    assertThat(incident.resolution()).isEqualTo(Resolution.RECOVERED);

    h.retire(monitor, spec);
    return List.of(
        h.record(new Fixture(MONITOR, "breach-and-recovery"), spec.id().workflowId()),
        h.record(new Fixture(INCIDENT, "opened-by-monitor-recovered"), incidentId));
  }

  /** Fresh data; the spec gains a custom check (evaluated at once), an older spec is ignored, an evaluation is asked for. */
  static List<Recorded> monitorSpecUpdate(Harness h) {
    h.warehouse.lastUpdated = Instant.parse("2026-07-01T04:30:00Z");
    ProductSpec spec = Fakes.spec("orders-spec");
    ProductMonitorWorkflow monitor = h.startMonitor(spec);
    h.env.sleep(Duration.ofMinutes(1));

    monitor.applySpec(new SpecUpdate(withCustomCheck(spec), 2));
    h.env.sleep(Duration.ofSeconds(5));
    monitor.applySpec(new SpecUpdate(spec, 1));
    h.env.sleep(Duration.ofSeconds(5));
    assertThat(monitor.status().specVersion()).isEqualTo(2);

    h.env.sleep(Duration.ofHours(1));
    monitor.evaluateNow(new EvaluateNow("ops"));
    h.env.sleep(Duration.ofSeconds(1));
    assertThat(monitor.status().evaluations()).isEqualTo(3);

    MonitorResult result = h.retire(monitor, spec);
    assertThat(result.evaluations()).isEqualTo(3);
    return List.of(h.record(new Fixture(MONITOR, "spec-update-and-evaluate-now"), spec.id().workflowId()));
  }

  /** Paused across the deadline, resumed late: an evaluation at once, a breach opened, retiring resolves it. */
  static List<Recorded> monitorPauseAndResume(Harness h) {
    h.warehouse.lastUpdated = Instant.parse("2026-06-30T06:10:00Z");
    ProductSpec spec = Fakes.spec("orders-pause");
    ProductMonitorWorkflow monitor = h.startMonitor(spec);
    h.env.sleep(Duration.ofMinutes(1));
    monitor.pause(new PauseRequest("ops", "backfill"));
    h.env.sleep(Duration.ofHours(5));
    assertThat(monitor.status().state()).isEqualTo(ProductState.PAUSED);
    assertThat(h.incidents.sent).isEmpty();

    monitor.resume(new ResumeRequest("ops"));
    h.env.sleep(Duration.ofMinutes(1));
    assertThat(monitor.status().state()).isEqualTo(ProductState.LATE);
    String incidentId = monitor.status().incidentId();
    assertThat(incidentId).isNotNull();

    h.retire(monitor, spec);
    assertThat(h.client.newUntypedWorkflowStub(incidentId).getResult(IncidentResult.class).resolution())
        .isEqualTo(Resolution.EXPECTED);
    return List.of(
        h.record(new Fixture(MONITOR, "pause-and-resume"), spec.id().workflowId()),
        h.record(new Fixture(INCIDENT, "resolved-by-retirement"), incidentId));
  }

  /** Nobody acknowledges for 2h30m (steward at 30m, platform at 2h, reminders), then Alice acknowledges and fixes it. */
  static List<Recorded> incidentEscalateAcknowledgeResolve(Harness h) {
    IncidentWorkflow incident = h.openIncident(Fakes.spec("orders-escalate"), new FailingCheck(
        Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), h.now()));
    h.env.sleep(Duration.ofMinutes(150));
    assertThat(h.incidents.intents(incident.status().incidentId())).contains(
        DeliveryIntent.OPENED, DeliveryIntent.ESCALATED_TO_STEWARD, DeliveryIntent.ESCALATED_TO_PLATFORM, DeliveryIntent.REMINDER);

    incident.acknowledge(new AcknowledgeRequest(ALICE));
    h.env.sleep(Duration.ofMinutes(10));
    incident.resolve(new ResolveRequest(ALICE, Resolution.FIXED, "backfilled"));
    String id = incident.status().incidentId();
    assertThat(h.client.newUntypedWorkflowStub(id).getResult(IncidentResult.class).resolution()).isEqualTo(Resolution.FIXED);
    assertThat(h.incidents.intents(id)).contains(DeliveryIntent.ACKNOWLEDGED, DeliveryIntent.RESOLVED);
    return List.of(h.record(new Fixture(INCIDENT, "escalate-acknowledge-resolve"), id));
  }

  /** Snoozed for an hour, a second check fails meanwhile (held back by the snooze), the steward step falls due when it ends, the product recovers. */
  static List<Recorded> incidentSnoozeUpdateRecover(Harness h) {
    Instant opened = h.now();
    FailingCheck revenue = new FailingCheck(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), opened);
    IncidentWorkflow incident = h.openIncident(Fakes.spec("orders-snooze"), revenue);
    h.env.sleep(Duration.ofMinutes(10));
    incident.snooze(new SnoozeRequest(ALICE, Duration.ofHours(1)));
    h.env.sleep(Duration.ofMinutes(20));
    FailingCheck notNull = new FailingCheck(Fakes.fail("not_null:order_id", CheckKind.NOT_NULL), h.now());
    incident.checksChanged(new IncidentChange(ProductState.FAILING, List.of(revenue, notNull)));
    h.env.sleep(Duration.ofMinutes(50));
    incident.productRecovered(new ProductRecovered(ProductState.HEALTHY));
    String id = incident.status().incidentId();
    assertThat(h.client.newUntypedWorkflowStub(id).getResult(IncidentResult.class).resolution()).isEqualTo(Resolution.RECOVERED);
    assertThat(h.incidents.intents(id)).containsSubsequence(DeliveryIntent.SNOOZED, DeliveryIntent.ESCALATED_TO_STEWARD, DeliveryIntent.RESOLVED);
    return List.of(h.record(new Fixture(INCIDENT, "snooze-update-recover"), id));
  }

  /** The connection goes down under one monitor: an outage workflow opens the source incident, and ends when the connection is back. */
  static List<Recorded> sourceOutageAndRecovery(Harness h) {
    h.warehouse.lastUpdated = Instant.parse("2026-07-01T04:30:00Z");
    h.sources.forwardTo(h.client, TASK_QUEUE, EscalationLadder.defaults(), Duration.ofMinutes(1));
    ProductSpec spec = Fakes.spec("orders-outage");
    ProductMonitorWorkflow monitor = h.startMonitor(spec);
    h.env.sleep(Duration.ofMinutes(10));

    h.warehouse.unreachable = "default";
    h.env.sleep(Duration.ofMinutes(60));
    String outageId = SourceOutageWorkflow.idFor("default");
    assertThat(h.client.newWorkflowStub(SourceOutageWorkflow.class, outageId).status()).isNotNull();

    h.warehouse.unreachable = null;
    // Past the next poll, so every workflow has settled before the results are read.
    h.env.sleep(POLL.plusMinutes(5));
    SourceOutageResult ended = h.client.newUntypedWorkflowStub(outageId).getResult(SourceOutageResult.class);
    assertThat(ended.lastIncidentId()).isNotNull();
    h.retire(monitor, spec);
    return List.of(
        h.record(new Fixture(SOURCE_OUTAGE, "outage-and-recovery"), outageId),
        h.record(new Fixture(MONITOR, "source-outage-reported"), spec.id().workflowId()));
  }

  /**
   * An incident opened, acknowledged and resolved on {@code implementation}, recorded: what a newly
   * started incident's history looks like once a change is deployed. Not a fixture.
   */
  static WorkflowExecutionHistory newIncidentOn(Class<? extends IncidentWorkflow> implementation) {
    try (Harness h = new Harness(implementation)) {
      IncidentWorkflow incident = h.openIncident(Fakes.spec("orders-new"), new FailingCheck(
          Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), h.now()));
      h.env.sleep(Duration.ofMinutes(10));
      incident.acknowledge(new AcknowledgeRequest(ALICE));
      h.env.sleep(Duration.ofMinutes(1));
      incident.resolve(new ResolveRequest(ALICE, Resolution.FIXED, null));
      String id = incident.status().incidentId();
      assertThat(h.client.newUntypedWorkflowStub(id).getResult(IncidentResult.class).resolution()).isEqualTo(Resolution.FIXED);
      return h.record(new Fixture(INCIDENT, "new-on-" + implementation.getSimpleName()), id).history();
    }
  }

  private static ProductSpec withCustomCheck(ProductSpec spec) {
    QualitySpec q = spec.quality();
    QualitySpec quality = new QualitySpec(q.freshnessSlaHours(), q.completenessThreshold(),
        List.of(new CustomCheckSpec("revenue_usd_gte_0", "revenue_usd >= 0", Severity.FAIL, 0)),
        q.freshnessColumn(), q.partitionColumn(), q.lookback());
    return new ProductSpec(spec.id(), spec.owner(), spec.steward(), spec.description(), spec.output(), spec.schema(),
        quality, spec.consumers(), spec.sla(), spec.escalation(), spec.alerts());
  }

  /** One fresh time-skipping environment running the production implementations against the fakes. */
  static final class Harness implements AutoCloseable {
    /** 05:00 UTC: an hour before the fakes' daily refresh is expected, three before its deadline. */
    static final Instant START = Instant.parse("2026-07-01T05:00:00Z");

    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    final Fakes.Warehouse warehouse = new Fakes.Warehouse(START);
    final Fakes.Store store = new Fakes.Store();
    final Fakes.Incidents incidents = new Fakes.Incidents();
    final Fakes.Sources sources = new Fakes.Sources();

    Harness() {
      this(IncidentWorkflowImpl.class);
    }

    /** With another implementation of the incident workflow, such as a changed one under test. */
    Harness(Class<? extends IncidentWorkflow> incidentImplementation) {
      // A fixed identity: the worker's identity is written into every workflow task event, and the
      // default one names the host, which would make each machine's recording differ.
      env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
          .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setIdentity(IDENTITY).build())
          .setInitialTime(START)
          .build());
      // One activity at a time: the workflows run some activities side by side (an incident records
      // and delivers its opening together), and completions racing each other would reorder their
      // events from one recording to the next.
      Worker worker = env.newWorker(TASK_QUEUE, WorkerOptions.newBuilder()
          .setMaxConcurrentActivityExecutionSize(1)
          .setMaxConcurrentActivityTaskPollers(1)
          .build());
      worker.registerWorkflowImplementationTypes(ProductMonitorWorkflowImpl.class, incidentImplementation, SourceOutageWorkflowImpl.class);
      worker.registerActivitiesImplementations(warehouse, store, incidents, sources);
      env.start();
      client = env.getWorkflowClient();
    }

    Instant now() {
      return Instant.ofEpochMilli(env.currentTimeMillis());
    }

    ProductMonitorWorkflow startMonitor(ProductSpec spec) {
      ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(spec.id().workflowId()).setTaskQueue(TASK_QUEUE).build());
      WorkflowClient.start(monitor::monitor, new MonitorInput(spec, 1, MonitorSettings.defaults().withPollInterval(POLL), null));
      return monitor;
    }

    /** Retires the monitor so its history is complete, and waits for its result. */
    MonitorResult retire(ProductMonitorWorkflow monitor, ProductSpec spec) {
      monitor.retire(new RetireRequest("ops"));
      MonitorResult result = client.newUntypedWorkflowStub(spec.id().workflowId()).getResult(MonitorResult.class);
      assertThat(result.retiredBy()).isEqualTo("ops");
      return result;
    }

    /** Opens an incident as the monitor does, but on its own, so a person's signals drive it. */
    IncidentWorkflow openIncident(ProductSpec spec, FailingCheck failing) {
      Instant at = now();
      IncidentInput input = new IncidentInput(IncidentInput.idFor(spec.id(), at), IncidentProduct.of(spec), at, ProductState.FAILING,
          List.of(failing), EscalationLadder.defaults(), null);
      IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(input.incidentId()).setTaskQueue(TASK_QUEUE).build());
      WorkflowClient.start(incident::run, input);
      return incident;
    }

    Recorded record(Fixture fixture, String workflowId) {
      WorkflowExecutionHistory history = client.fetchHistory(workflowId);
      assertThat(history.getLastEvent().hasWorkflowExecutionCompletedEventAttributes())
          .as("%s ends its workflow, so the fixture is a whole history", fixture).isTrue();
      return new Recorded(fixture, history);
    }

    @Override
    public void close() {
      env.close();
    }
  }
}
