package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.activities.store.RegistryStore;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.ProductStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import java.util.List;
import java.util.Optional;

/** Reads products for the API and the CLI: the registry for what is registered, the monitor for live status. */
public final class ProductDirectory {

  private final RegistryStore registry;
  private final WorkflowClient client;

  public ProductDirectory(RegistryStore registry, WorkflowClient client) {
    this.registry = registry;
    this.client = client;
  }

  public List<RegisteredProduct> active() {
    return registry.findActive();
  }

  public Optional<RegisteredProduct> find(ProductId id) {
    return registry.find(id);
  }

  /** The monitor's live status, or empty when no monitor runs for the product. */
  public Optional<ProductStatus> status(ProductId id) {
    try {
      return Optional.ofNullable(client.newWorkflowStub(ProductMonitorWorkflow.class, id.workflowId()).status());
    } catch (WorkflowNotFoundException | WorkflowQueryException e) {
      return Optional.empty();
    } catch (WorkflowException e) {
      return Optional.empty();
    }
  }
}
