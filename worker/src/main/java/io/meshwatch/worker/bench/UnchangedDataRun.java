package io.meshwatch.worker.bench;

import io.meshwatch.activities.WarehouseActivitiesImpl;
import io.meshwatch.activities.freshness.FreshnessAssessor;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.monitor.MonitorInput;
import io.meshwatch.workflows.monitor.MonitorResult;
import io.meshwatch.workflows.monitor.MonitorSettings;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflowImpl;
import io.meshwatch.workflows.monitor.RetireRequest;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * (d) The real monitor on unchanged data: {@link ProductMonitorWorkflowImpl} runs in Temporal's
 * time-skipping test environment with the real warehouse activities, one monitor per product, at
 * the default poll interval. The data stays the same for {@code cycles} cycles, then one row is
 * appended to every table and one more cycle runs, so the figures show both halves of the rule: no
 * scan while the data version holds, one scan once it moves. Scans are counted at the warehouse
 * port. Time skipping makes the five-minute polls instant; activities still run in real time, one
 * at a time, so a probe's wall time is that of one product alone.
 *
 * <p>The store, incident and outage activities are stand-ins ({@link RecordedCycles} keeps totals,
 * {@link SilentIncidents} and {@link SilentSources} page nobody): none touches the warehouse. The
 * incident workflows the breaching products open run beside the monitors, as they do in a worker.
 */
final class UnchangedDataRun {

  private static final String TASK_QUEUE = "meshwatch-bench";

  private final BenchWarehouse warehouse;
  private final WarehouseConnections connections;

  UnchangedDataRun(BenchWarehouse warehouse, WarehouseConnections connections) {
    this.warehouse = warehouse;
    this.connections = connections;
  }

  CycleFigures run(List<BenchProduct> products, int cycles) throws SQLException, InterruptedException {
    PortLedger ledger = new PortLedger();
    WarehouseConnections.Registered real = connections.named(BenchWarehouse.CONNECTION).orElseThrow();
    WarehouseConnections counted = new WarehouseConnections(List.of(new WarehouseConnections.Registered(
        real.name(), real.format(), new CountingWarehouseClient(real.client(), ledger))));
    RecordedCycles recorded = new RecordedCycles();
    MonitorSettings settings = MonitorSettings.defaults();
    Duration poll = settings.pollInterval();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TASK_QUEUE, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1).build());
      worker.registerWorkflowImplementationTypes(ProductMonitorWorkflowImpl.class, IncidentWorkflowImpl.class, SourceOutageWorkflowImpl.class);
      worker.registerActivitiesImplementations(new WarehouseActivitiesImpl(counted, new FreshnessAssessor()), recorded,
          new SilentIncidents(), new SilentSources());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      List<ProductMonitorWorkflow> monitors = new ArrayList<>();
      for (BenchProduct product : products) {
        ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class, WorkflowOptions.newBuilder()
            .setWorkflowId(product.spec().id().workflowId()).setTaskQueue(TASK_QUEUE).build());
        WorkflowClient.start(monitor::monitor, new MonitorInput(product.spec(), 1, settings, null));
        monitors.add(monitor);
      }
      // Polls fall at 0, 1, 2 ... intervals; stopping half-way between two leaves no cycle in flight.
      env.sleep(poll.multipliedBy(cycles - 1).plus(poll.dividedBy(2)));
      ledger.awaitIdle(Duration.ofMinutes(10).toMillis());
      warehouse.write(products.stream().map(p -> BenchTables.appendOne(warehouse.engine(), p.table())).toList());
      env.sleep(poll);
      for (ProductMonitorWorkflow monitor : monitors) {
        monitor.retire(new RetireRequest("meshwatch bench"));
      }
      for (ProductMonitorWorkflow monitor : monitors) {
        WorkflowStub.fromTyped(monitor).getResult(MonitorResult.class);
      }
    }
    return CycleFigures.of(ledger.calls(), recorded);
  }
}
