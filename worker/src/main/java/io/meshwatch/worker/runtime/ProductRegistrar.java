package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.ApplyResult;
import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.activities.store.RegistryStore;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.governance.PolicyViolationException;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.monitor.MonitorInput;
import io.meshwatch.workflows.monitor.MonitorSettings;
import io.meshwatch.workflows.monitor.MonitorState;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.SpecUpdate;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers products: the spec version is stored first, then the product's monitor is reached by
 * signal-with-start — it starts the workflow if none runs, else signals the running one, so a product
 * never has two monitors (DESIGN §8).
 */
public final class ProductRegistrar {

  private static final Logger log = LoggerFactory.getLogger(ProductRegistrar.class);

  private final RegistryStore registry;
  private final WorkflowClient client;
  private final String taskQueue;
  private final MonitorSettings settings;
  private final Clock clock;
  private final IncidentRestorer incidents;
  private final Governance governance;

  /** A registrar that enforces no governance policies. */
  public ProductRegistrar(RegistryStore registry, IncidentStore incidents, WorkflowClient client, String taskQueue,
      MonitorSettings settings, Clock clock) {
    this(registry, incidents, client, taskQueue, settings, clock, Governance.none());
  }

  /** A registrar that refuses specs breaking {@code governance}'s policies before anything is stored. */
  public ProductRegistrar(RegistryStore registry, IncidentStore incidents, WorkflowClient client, String taskQueue,
      MonitorSettings settings, Clock clock, Governance governance) {
    this.governance = Objects.requireNonNull(governance, "governance");
    this.registry = registry;
    this.client = client;
    this.taskQueue = taskQueue;
    this.settings = settings;
    this.clock = clock;
    this.incidents = new IncidentRestorer(incidents, client, taskQueue);
  }

  /**
   * Stores the spec as the product's next version and brings its monitor up to date.
   *
   * @throws PolicyViolationException when the spec breaks a governance policy; nothing is stored
   */
  public ApplyResult register(ProductSpec spec, String sourceText, String appliedBy) {
    governance.enforce(spec);
    ApplyResult result = registry.apply(spec, sourceText, appliedBy, clock.instant());
    ensureMonitor(spec, result.version(), MonitorState.initial());
    return result;
  }

  /** The policies {@link #register} enforces. */
  public Governance governance() {
    return governance;
  }

  /**
   * Every active product in the registry gets its monitor running (after a restart, a lost server),
   * its open incident first, so the monitor starts knowing it. Policies are not applied again here: a
   * policy added later governs the next registration, never stops monitoring what is registered.
   */
  public int reconcile() {
    List<RegisteredProduct> active = registry.findActive();
    for (RegisteredProduct product : active) {
      MonitorState carried = incidents.restore(product.spec(), settings)
          .map(MonitorState::tracking)
          .orElse(MonitorState.initial());
      ensureMonitor(product.spec(), product.version(), carried);
    }
    log.info("reconciled {} active product monitor(s)", active.size());
    return active.size();
  }

  /** {@code carried} applies only when this starts the monitor; a running monitor keeps its own state. */
  private void ensureMonitor(ProductSpec spec, long version, MonitorState carried) {
    try {
      signalWithStart(spec, version, carried);
    } catch (WorkflowExecutionAlreadyStarted raced) {
      // Two registrations of one product at once: the other one started the monitor between this
      // call's look and its start. Signal-with-start again (a stub and a request serve one call) now
      // finds it running and signals it.
      signalWithStart(spec, version, carried);
    }
  }

  private void signalWithStart(ProductSpec spec, long version, MonitorState carried) {
    ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(spec.id().workflowId())
        .setTaskQueue(taskQueue)
        // A retired product may be registered again later under the same id.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build());
    var request = client.newSignalWithStartRequest();
    request.add(monitor::monitor, new MonitorInput(spec, version, settings, carried));
    request.add(monitor::applySpec, new SpecUpdate(spec, version));
    client.signalWithStart(request);
  }
}
