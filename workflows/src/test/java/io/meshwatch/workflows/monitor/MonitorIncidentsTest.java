package io.meshwatch.workflows.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.IncidentResult;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monitor's use of incidents: one child per breach episode, kept up to date, resolved by recovery or by hand. */
class MonitorIncidentsTest {

  /** 09:00 UTC: today's 06:00 refresh landed at 07:00, so freshness passes all day; only checks fail. */
  static final Instant START = Instant.parse("2026-07-01T09:00:00Z");
  static final Duration POLL = Duration.ofMinutes(25);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ProductMonitorWorkflowImpl.class, SourceOutageWorkflowImpl.class)
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  final Fakes.Warehouse warehouse = new Fakes.Warehouse(Instant.parse("2026-07-01T07:00:00Z"));
  final Fakes.Store store = new Fakes.Store();
  final Fakes.Incidents incidents = new Fakes.Incidents();
  final Fakes.Sources sources = new Fakes.Sources();

  private ProductMonitorWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, ProductSpec spec,
      MonitorSettings settings, int incidentHistoryLimit) {
    worker.registerWorkflowImplementationFactory(IncidentWorkflow.class, () -> new IncidentWorkflowImpl(incidentHistoryLimit));
    worker.registerActivitiesImplementations(warehouse, store, incidents, sources);
    env.start();
    ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(spec.id().workflowId()).setTaskQueue(worker.getTaskQueue()).build());
    WorkflowClient.start(monitor::monitor, new MonitorInput(spec, 1, settings, null));
    return monitor;
  }

  private ProductMonitorWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    return start(env, worker, client, Fakes.spec(), MonitorSettings.defaults().withPollInterval(POLL), 0);
  }

  private List<DeliveryInput> sent(DeliveryIntent intent) {
    return incidents.sent.stream().filter(d -> d.intent() == intent).toList();
  }

  private static Duration sinceStart(Instant at) {
    return Duration.between(START, at).truncatedTo(ChronoUnit.SECONDS);
  }

  @Test
  void aBreachOpensExactlyOneChildIncident(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), Fakes.pass("not_null:order_id", CheckKind.NOT_NULL));
    ProductMonitorWorkflow monitor = start(env, worker, client);

    env.sleep(POLL.multipliedBy(4));
    ProductStatus status = monitor.status();
    assertThat(status.incidentId()).startsWith("incident/orders/orders-daily/");
    assertThat(status.breachOpen()).isTrue();
    assertThat(incidents.incidentIds()).containsExactly(status.incidentId());
    assertThat(sent(DeliveryIntent.OPENED)).singleElement().satisfies(d -> {
      assertThat(d.incident().product().owner()).isEqualTo("orders-platform-team");
      assertThat(d.incident().failing()).extracting(f -> f.checkId()).containsExactly("custom:revenue_usd_gte_0");
    });
    var description = client.newUntypedWorkflowStub(status.incidentId()).describe();
    assertThat(description.getParentExecution().getWorkflowId()).isEqualTo(Fakes.spec().id().workflowId());
    assertThat(description.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aPiiViolationReachesOwnerAndStewardAtOnce(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("pii:customer_email", CheckKind.PII_HANDLING));
    start(env, worker, client);

    env.sleep(Duration.ofMinutes(1));
    assertThat(incidents.sent).extracting(DeliveryInput::intent)
        .containsExactly(DeliveryIntent.OPENED, DeliveryIntent.ESCALATED_TO_STEWARD, DeliveryIntent.CONSUMER_NOTICE);
  }

  @Test
  void theWorkersLadderAppliesWithTheProductsOverrides(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    ProductSpec base = Fakes.spec();
    ProductSpec spec = new ProductSpec(base.id(), base.owner(), base.steward(), base.description(), base.output(), base.schema(),
        base.quality(), base.consumers(), base.sla(), new EscalationSpec(10L, null, null), base.alerts());
    MonitorSettings settings = MonitorSettings.defaults().withPollInterval(POLL)
        .withLadder(new EscalationLadder(Duration.ofMinutes(20), Duration.ofMinutes(50), Duration.ofHours(4)));
    start(env, worker, client, spec, settings, 0);

    env.sleep(Duration.ofMinutes(55));
    assertThat(sent(DeliveryIntent.ESCALATED_TO_STEWARD)).singleElement()
        .satisfies(d -> assertThat(sinceStart(d.incident().at())).isEqualTo(Duration.ofMinutes(10)));
    assertThat(sent(DeliveryIntent.ESCALATED_TO_PLATFORM)).singleElement()
        .satisfies(d -> assertThat(sinceStart(d.incident().at())).isEqualTo(Duration.ofMinutes(50)));
  }

  @Test
  void resolvedByHandItStaysClosedForTheSameFailuresAndReopensForANewOne(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), Fakes.pass("not_null:order_id", CheckKind.NOT_NULL));
    ProductMonitorWorkflow monitor = start(env, worker, client);
    env.sleep(Duration.ofMinutes(5));
    String first = monitor.status().incidentId();

    client.newWorkflowStub(IncidentWorkflow.class, first)
        .resolve(new ResolveRequest(new Actor("U123ALICE", "slack"), Resolution.EXPECTED, "backfill running"));
    IncidentResult resolved = client.newUntypedWorkflowStub(first).getResult(IncidentResult.class);
    assertThat(resolved.resolution()).isEqualTo(Resolution.EXPECTED);

    // Still failing the same way, cycle after cycle (and re-evaluated): no new incident.
    warehouse.version = "v2";
    env.sleep(POLL.multipliedBy(3));
    assertThat(monitor.status().state()).isEqualTo(ProductState.FAILING);
    assertThat(monitor.status().incidentId()).isNull();
    assertThat(incidents.incidentIds()).containsExactly(first);

    // A check outside the resolved set starts failing: a new incident, listing everything that fails.
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM), Fakes.fail("not_null:order_id", CheckKind.NOT_NULL));
    warehouse.version = "v3";
    env.sleep(POLL);
    String second = monitor.status().incidentId();
    assertThat(second).isNotNull().isNotEqualTo(first);
    assertThat(incidents.incidentIds()).containsExactly(first, second);
    assertThat(incidents.of(second).get(0)).satisfies(d -> {
      assertThat(d.intent()).isEqualTo(DeliveryIntent.OPENED);
      assertThat(d.incident().failing()).extracting(f -> f.checkId()).containsExactly("custom:revenue_usd_gte_0", "not_null:order_id");
    });
  }

  @Test
  void anIncidentThatContinuedAsNewStillTellsItsMonitorWhenResolvedByHand(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    ProductMonitorWorkflow monitor = start(env, worker, client, Fakes.spec(), MonitorSettings.defaults().withPollInterval(POLL), 30);
    env.sleep(Duration.ofMinutes(5));
    String incidentId = monitor.status().incidentId();
    String firstRun = client.newUntypedWorkflowStub(incidentId).describe().getExecution().getRunId();

    env.sleep(Duration.ofHours(6));
    assertThat(client.newUntypedWorkflowStub(incidentId).describe().getExecution().getRunId()).isNotEqualTo(firstRun);
    client.newWorkflowStub(IncidentWorkflow.class, incidentId)
        .resolve(new ResolveRequest(new Actor("ops", "api"), Resolution.FALSE_POSITIVE, null));
    client.newUntypedWorkflowStub(incidentId).getResult(IncidentResult.class);

    warehouse.version = "v2";
    env.sleep(POLL.multipliedBy(2));
    assertThat(monitor.status().incidentId()).isNull();
    assertThat(sent(DeliveryIntent.OPENED)).hasSize(1);
  }

  @Test
  void aRecoveryAfterAHandResolutionLetsTheNextBreachOpenAgain(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    ProductMonitorWorkflow monitor = start(env, worker, client);
    env.sleep(Duration.ofMinutes(5));
    String first = monitor.status().incidentId();
    client.newWorkflowStub(IncidentWorkflow.class, first)
        .resolve(new ResolveRequest(new Actor("ops", "cli"), Resolution.FIXED, null));
    client.newUntypedWorkflowStub(first).getResult(IncidentResult.class);

    warehouse.results = List.of(Fakes.pass("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    warehouse.version = "v2";
    // The first poll after a start comes half to one and a half intervals later (the product's phase).
    env.sleep(POLL.multipliedBy(3).dividedBy(2));
    assertThat(monitor.status().state()).isEqualTo(ProductState.HEALTHY);

    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    warehouse.version = "v3";
    env.sleep(POLL);
    assertThat(monitor.status().incidentId()).isNotNull().isNotEqualTo(first);
    assertThat(sent(DeliveryIntent.OPENED)).hasSize(2);
  }

  @Test
  void anUnmeasuredProductKeepsItsIncidentOpen(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    ProductMonitorWorkflow monitor = start(env, worker, client);
    env.sleep(Duration.ofMinutes(5));
    String incidentId = monitor.status().incidentId();

    // The checks cannot be measured (a column went missing): ERROR, which is not a recovery.
    warehouse.results = List.of(Fakes.error("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    warehouse.version = "v2";
    env.sleep(POLL.multipliedBy(2));
    assertThat(monitor.status().state()).isEqualTo(ProductState.ERROR);
    assertThat(monitor.status().incidentId()).isEqualTo(incidentId);
    assertThat(sent(DeliveryIntent.RESOLVED)).isEmpty();
    assertThat(client.newWorkflowStub(IncidentWorkflow.class, incidentId).status().state()).isEqualTo(IncidentState.OPEN);

    // Measured again and failing the same way: the same incident, nothing new to tell.
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    warehouse.version = "v3";
    env.sleep(POLL);
    assertThat(monitor.status().incidentId()).isEqualTo(incidentId);
    assertThat(sent(DeliveryIntent.UPDATED)).isEmpty();
  }

  @Test
  void retiringTheProductEndsItsIncident(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    ProductMonitorWorkflow monitor = start(env, worker, client);
    env.sleep(Duration.ofMinutes(5));
    String incidentId = monitor.status().incidentId();

    monitor.retire(new RetireRequest("platform"));
    IncidentResult result = client.newUntypedWorkflowStub(incidentId).getResult(IncidentResult.class);
    assertThat(result.resolution()).isEqualTo(Resolution.EXPECTED);
    assertThat(sent(DeliveryIntent.RESOLVED)).singleElement()
        .satisfies(d -> assertThat(d.incident().note()).isEqualTo("product retired by platform"));
  }
}
