package io.meshwatch.worker.api;

import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.monitor.EvaluateNow;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.RetireRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Objects;

/**
 * Signals to a product's running monitor (workflow id {@code product/<domain>/<name>}). A signal
 * never starts a monitor: only registration does (signal-with-start), so evaluating or retiring a
 * product whose monitor has ended says so instead of bringing it back.
 */
public final class ProductMonitors {

  private final WorkflowClient client;

  public ProductMonitors(WorkflowClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** How a signal went. */
  public sealed interface Signal {
    record Sent() implements Signal {}

    record NotRunning() implements Signal {}

    record Unavailable(String detail) implements Signal {}
  }

  public Signal evaluateNow(ProductId product, String by) {
    return send(product, monitor -> monitor.evaluateNow(new EvaluateNow(by)));
  }

  public Signal retire(ProductId product, String by) {
    return send(product, monitor -> monitor.retire(new RetireRequest(by)));
  }

  private Signal send(ProductId product, java.util.function.Consumer<ProductMonitorWorkflow> signal) {
    // No run id: the signal goes to the current run, which follows continue-as-new.
    ProductMonitorWorkflow monitor = client.newWorkflowStub(ProductMonitorWorkflow.class, product.workflowId());
    try {
      signal.accept(monitor);
      return new Signal.Sent();
    } catch (WorkflowNotFoundException e) {
      return new Signal.NotRunning();
    } catch (WorkflowException e) {
      return new Signal.Unavailable("Temporal did not take the signal: " + e.getClass().getSimpleName());
    }
  }
}
