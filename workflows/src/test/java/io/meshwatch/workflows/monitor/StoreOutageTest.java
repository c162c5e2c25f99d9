package io.meshwatch.workflows.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
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

/**
 * meshwatch's own PostgreSQL down while products keep being watched: cycles go on and alert, their
 * records wait in the monitor and land once each when the store is back, across continue-as-new too.
 */
class StoreOutageTest {

  static final Instant START = Instant.parse("2026-07-01T05:00:00Z");
  static final Instant DEADLINE = Instant.parse("2026-07-01T08:00:00Z");
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

  @Test
  void aDeadlinePassedDuringTheOutageAlertsOnTimeAndEveryCycleLandsOnceAfterwards(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, MonitorSettings.defaults().withPollInterval(POLL));
    env.sleep(Duration.ofHours(1));
    int recordedBefore = store.cycles.size();
    assertThat(recordedBefore).isPositive();

    store.cyclesFailing = true;
    env.sleep(Duration.between(START.plus(Duration.ofHours(1)), DEADLINE).plusMinutes(10));
    // The monitor did not wait for the store: the deadline was seen and the owner told.
    ProductStatus during = monitor.status();
    assertThat(during.state()).isEqualTo(ProductState.LATE);
    assertThat(during.stateSince()).isEqualTo(DEADLINE);
    assertThat(incidents.sent).filteredOn(d -> d.intent() == DeliveryIntent.OPENED).hasSize(1);
    assertThat(during.cycles()).isGreaterThan(recordedBefore + 3);
    assertThat(store.cycles).hasSize(recordedBefore);

    store.cyclesFailing = false;
    env.sleep(Duration.ofMinutes(3));
    ProductStatus after = monitor.status();
    assertThat(store.cycles).hasSize((int) after.cycles());
    assertInOrderOnce(store.writes);
    assertThat(store.cycles).filteredOn(c -> c.state() == ProductState.LATE)
        .first().satisfies(c -> assertThat(c.stateSince()).isEqualTo(DEADLINE));
  }

  @Test
  void aLongHistoryWaitsForTheStoreBeforeContinuingAsNewAndLosesNoCycle(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, MonitorSettings.defaults().withPollInterval(POLL).withHistoryEventsLimit(40));
    String workflowId = Fakes.spec().id().workflowId();
    env.sleep(Duration.ofHours(3));
    String beforeOutage = WorkflowStubs.execution(client, workflowId).getRunId();
    store.cyclesFailing = true;
    // Six hours of failing writes, past the hour each write retries for: the run holds its cycles
    // (a write under way is never abandoned to a new run) and keeps watching.
    env.sleep(Duration.ofHours(6));
    assertThat(WorkflowStubs.execution(client, workflowId).getRunId()).isEqualTo(beforeOutage);
    long recordedBeforeOutage = store.cycles.size();
    assertThat(monitor.status().cycles()).isGreaterThanOrEqualTo(recordedBeforeOutage + Duration.ofHours(6).dividedBy(POLL) - 1);

    store.cyclesFailing = false;
    env.sleep(Duration.ofHours(2));
    assertThat(WorkflowStubs.execution(client, workflowId).getRunId()).isNotEqualTo(beforeOutage);
    ProductStatus after = monitor.status();
    // Every cycle of every run, once and in order.
    assertThat(store.cycles).hasSize((int) after.cycles());
    assertInOrderOnce(store.writes);
  }

  @Test
  void aLongOutageHoldsAtTheBufferLimitAndLosesNothing(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    ProductMonitorWorkflow monitor = start(env, worker, client, MonitorSettings.defaults().withPollInterval(Duration.ofMinutes(1)));
    env.sleep(Duration.ofMinutes(5));
    store.cyclesFailing = true;
    env.sleep(Duration.ofHours(6));
    // Past the limit the monitor waits for the store instead of dropping cycles or growing without bound.
    long held = monitor.status().cycles() - store.cycles.size();
    assertThat(held).isBetween((long) ProductMonitorWorkflowImpl.UNRECORDED_LIMIT,
        (long) ProductMonitorWorkflowImpl.UNRECORDED_LIMIT + ProductMonitorWorkflowImpl.CYCLES_PER_WRITE);

    store.cyclesFailing = false;
    env.sleep(Duration.ofMinutes(10));
    assertThat(store.cycles).hasSize((int) monitor.status().cycles());
    assertInOrderOnce(store.writes);
  }

  private static void assertInOrderOnce(List<RecordCycleInput> writes) {
    assertThat(writes).extracting(RecordCycleInput::at).isSorted().doesNotHaveDuplicates();
  }
}
