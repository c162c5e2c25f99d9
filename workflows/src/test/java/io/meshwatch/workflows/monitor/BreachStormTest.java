package io.meshwatch.workflows.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Five hundred products breach within one minute: each gets its incident and its opening, once.
 * Digests and rate limits are the delivery side's; the workflows' part is that nothing is dropped
 * and nothing doubled.
 */
class BreachStormTest {

  static final Instant START = Instant.parse("2026-07-01T09:00:00Z");
  static final int PRODUCTS = 500;

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ProductMonitorWorkflowImpl.class, IncidentWorkflowImpl.class, SourceOutageWorkflowImpl.class)
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  final Fakes.Warehouse warehouse = new Fakes.Warehouse(Instant.parse("2026-07-01T07:00:00Z"));
  final Fakes.Store store = new Fakes.Store();
  final Fakes.Incidents incidents = new Fakes.Incidents();
  final Fakes.Sources sources = new Fakes.Sources();

  @Test
  void everyBreachOfAStormOpensItsOwnIncidentOnce(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(warehouse, store, incidents, sources);
    env.start();
    warehouse.results = List.of(Fakes.fail("custom:revenue_usd_gte_0", CheckKind.CUSTOM));
    for (int i = 0; i < PRODUCTS; i++) {
      ProductSpec spec = Fakes.spec(String.format("orders-%03d", i));
      ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(spec.id().workflowId()).setTaskQueue(worker.getTaskQueue()).build());
      WorkflowClient.start(monitor::monitor, new MonitorInput(spec, 1, MonitorSettings.defaults(), null));
    }

    env.sleep(Duration.ofMinutes(1));
    List<DeliveryInput> openings = incidents.sent.stream().filter(d -> d.intent() == DeliveryIntent.OPENED).toList();
    Map<String, Long> openingsPerProduct = openings.stream()
        .collect(Collectors.groupingBy(d -> d.incident().product().id().toString(), Collectors.counting()));
    assertThat(openingsPerProduct).hasSize(PRODUCTS).allSatisfy((product, count) -> assertThat(count).isOne());
    assertThat(openings).extracting(DeliveryInput::key).doesNotHaveDuplicates();
    assertThat(openings).allSatisfy(d -> assertThat(Duration.between(START, d.incident().at())).isLessThan(Duration.ofMinutes(1)));
    assertThat(incidents.sent.stream().filter(d -> d.intent() == DeliveryIntent.CONSUMER_NOTICE)
        .collect(Collectors.groupingBy(d -> d.incident().incidentId(), Collectors.counting())))
        .hasSize(PRODUCTS).allSatisfy((incident, count) -> assertThat(count).isOne());
    assertThat(store.incidents.stream().map(r -> r.incident().incidentId()).collect(Collectors.toSet())).hasSize(PRODUCTS);
    assertThat(sources.reports).isEmpty();
    assertThat(openings.stream().map(d -> d.incident().incidentId()).distinct()).hasSize(PRODUCTS);
  }
}
