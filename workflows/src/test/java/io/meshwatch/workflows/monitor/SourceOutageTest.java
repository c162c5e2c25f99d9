package io.meshwatch.workflows.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.SourceReport;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.source.SourceOutageResult;
import io.meshwatch.workflows.source.SourceOutageWorkflow;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One warehouse connection goes down under twenty monitors: one source-unavailable incident speaks
 * for all of them, the product incidents wait, and come back if still failing once it is up.
 */
class SourceOutageTest {

  static final Instant START = Instant.parse("2026-07-01T09:00:00Z");
  static final Duration POLL = Duration.ofMinutes(25);
  static final String CONNECTION = "default";
  static final int PRODUCTS = 20;

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ProductMonitorWorkflowImpl.class, IncidentWorkflowImpl.class, SourceOutageWorkflowImpl.class)
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  /** Fresh data all day (today's 06:00 refresh landed at 07:00), so only the checks and the connection matter. */
  final Fakes.Warehouse warehouse = new Fakes.Warehouse(Instant.parse("2026-07-01T07:00:00Z"));
  final Fakes.Store store = new Fakes.Store();
  final Fakes.Incidents incidents = new Fakes.Incidents();
  final Fakes.Sources sources = new Fakes.Sources();

  static String name(int i) {
    return String.format("orders-%02d", i);
  }

  private List<DeliveryInput> sourceDeliveries() {
    return incidents.sent.stream().filter(d -> d.incident().incidentId().startsWith("incident/source/" + CONNECTION + "/")).toList();
  }

  private List<String> sourceIncidentIds() {
    return sourceDeliveries().stream().map(d -> d.incident().incidentId()).distinct().toList();
  }

  private List<DeliveryInput> productOpenings() {
    return incidents.sent.stream()
        .filter(d -> d.intent() == DeliveryIntent.OPENED && d.incident().incidentId().startsWith("incident/orders/"))
        .toList();
  }

  @Test
  void oneSourceIncidentSpeaksForEveryProductAndTheirIncidentsComeBackAfterwards(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(warehouse, store, incidents, sources);
    env.start();
    sources.forwardTo(client, worker.getTaskQueue(), EscalationLadder.defaults(), Duration.ofMinutes(1));
    warehouse.resultsOf.put(name(0), List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM)));
    List<ProductMonitorWorkflow> monitors = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      ProductSpec spec = Fakes.spec(name(i));
      ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(spec.id().workflowId()).setTaskQueue(worker.getTaskQueue()).build());
      WorkflowClient.start(monitor::monitor, new MonitorInput(spec, 1, MonitorSettings.defaults().withPollInterval(POLL), null));
      monitors.add(monitor);
    }
    env.sleep(Duration.ofMinutes(10));
    // Before the outage: one product fails, and has its incident.
    String failingIncident = monitors.get(0).status().incidentId();
    assertThat(failingIncident).isNotNull();
    assertThat(productOpenings()).hasSize(1);

    // The connection goes down; every monitor sees it at its next poll (25m). Meanwhile a second
    // product's data changes into a failure nobody can see yet.
    warehouse.unreachable = CONNECTION;
    warehouse.resultsOf.put(name(1), List.of(Fakes.fail("not_null:order_id", CheckKind.NOT_NULL)));
    warehouse.version = "v2";
    env.sleep(Duration.ofMinutes(30));

    assertThat(sources.reports).filteredOn(SourceReport::down).hasSize(PRODUCTS);
    assertThat(sourceIncidentIds()).hasSize(1);
    String sourceIncident = sourceIncidentIds().get(0);
    DeliveryInput opened = sourceDeliveries().get(0);
    assertThat(opened.intent()).isEqualTo(DeliveryIntent.OPENED);
    // The platform team's incident, opened once with the products that reported within its gather
    // minute (polls are spread over the cadence, so rarely all), then grown by the later reports to
    // every product it hurts.
    assertThat(opened.incident().product().owner()).isEqualTo(SourceOutageWorkflowImpl.PLATFORM_TEAM);
    assertThat(opened.incident().product().connection()).isEqualTo(CONNECTION);
    assertThat(opened.incident().failing()).isNotEmpty().hasSizeLessThanOrEqualTo(PRODUCTS);
    assertThat(client.newWorkflowStub(IncidentWorkflow.class, sourceIncident).status().failing()).hasSize(PRODUCTS)
        .extracting(f -> f.checkId()).contains("source:orders/" + name(0), "source:orders/" + name(19));
    assertThat(monitors.get(0).status().incidentId()).isEqualTo(failingIncident);
    assertThat(client.newWorkflowStub(IncidentWorkflow.class, failingIncident).status().inhibited()).isTrue();

    // Down until 2h15m: no product incident opens or speaks (the first product's steward step, due
    // at 30m, and platform step, due at 2h, wait); the source incident climbs its own ladder.
    int deliveredToProducts = incidents.sent.size() - sourceDeliveries().size();
    env.sleep(Duration.ofMinutes(95));
    assertThat(productOpenings()).hasSize(1);
    assertThat(incidents.sent.size() - sourceDeliveries().size()).isEqualTo(deliveredToProducts);
    // Products that saw the outage later joined the one incident: its message edited, a thread reply
    // each (gathered), never a new incident. Its own ladder climbed from the first report.
    assertThat(sourceDeliveries()).extracting(DeliveryInput::intent).filteredOn(i -> i == DeliveryIntent.UPDATED)
        .hasSizeLessThan(PRODUCTS);
    assertThat(sourceDeliveries()).extracting(DeliveryInput::intent).filteredOn(i -> i != DeliveryIntent.UPDATED)
        .startsWith(DeliveryIntent.OPENED, DeliveryIntent.ESCALATED_TO_STEWARD, DeliveryIntent.REMINDER);
    assertThat(sourceIncidentIds()).containsExactly(sourceIncident);

    // Back: each monitor reports it once. Still failing, the first product's incident speaks again
    // (its ladder steps fell due meanwhile); the second product's failure opens its own; the
    // source incident resolves and the outage ends.
    warehouse.unreachable = null;
    warehouse.version = "v3";
    SourceOutageResult ended = client.newUntypedWorkflowStub(SourceOutageWorkflow.idFor(CONNECTION)).getResult(SourceOutageResult.class);
    assertThat(ended.lastIncidentId()).isEqualTo(sourceIncident);
    assertThat(sources.reports).filteredOn(r -> !r.down()).hasSize(PRODUCTS)
        .extracting(r -> r.product().name()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, PRODUCTS).mapToObj(SourceOutageTest::name).toList());
    assertThat(sourceDeliveries()).last().satisfies(d -> {
      assertThat(d.intent()).isEqualTo(DeliveryIntent.RESOLVED);
      assertThat(d.incident().resolution()).isEqualTo(Resolution.RECOVERED);
    });

    env.sleep(Duration.ofSeconds(5));
    assertThat(store.kinds(failingIncident)).containsSubsequence(TransitionKind.INHIBITED, TransitionKind.UNINHIBITED,
        TransitionKind.ESCALATED_TO_STEWARD, TransitionKind.ESCALATED_TO_PLATFORM);
    assertThat(client.newWorkflowStub(IncidentWorkflow.class, failingIncident).status().state()).isEqualTo(IncidentState.OPEN);
    assertThat(productOpenings()).hasSize(2);
    assertThat(productOpenings().get(1).incident().product().id().name()).isEqualTo(name(1));
    assertThat(monitors.get(1).status().incidentId()).isEqualTo(productOpenings().get(1).incident().incidentId());
    assertThat(monitors.subList(2, PRODUCTS)).allSatisfy(m -> assertThat(m.status().incidentId()).isNull());
    assertThat(sourceIncidentIds()).containsExactly(sourceIncident);
  }
}
