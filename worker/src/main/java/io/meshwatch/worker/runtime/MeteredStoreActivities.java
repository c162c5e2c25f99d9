package io.meshwatch.worker.runtime;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordCyclesInput;
import io.meshwatch.workflows.activities.RecordCyclesOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.model.ProductId;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the store, then in the metrics, so metrics never show what the store lost. A failed
 * write is counted and logged once per attempt before it goes back to the workflow, which retries it.
 */
public final class MeteredStoreActivities implements StoreActivities {

  private static final Logger log = LoggerFactory.getLogger(MeteredStoreActivities.class);

  private final StoreActivities store;
  private final MonitorMetrics metrics;
  private final Function<ProductId, String> ownerOf;

  /** {@code ownerOf} labels a product's metrics with its owning team (looked up once per product). */
  public MeteredStoreActivities(StoreActivities store, MonitorMetrics metrics, Function<ProductId, String> ownerOf) {
    this.store = store;
    this.metrics = metrics;
    this.ownerOf = ownerOf;
  }

  @Override
  public RecordCycleOutput recordCycle(RecordCycleInput input) {
    RecordCycleOutput output = write("cycle", "a cycle of " + input.product(), () -> store.recordCycle(input));
    metrics.onCycle(input, ownerOf);
    return output;
  }

  @Override
  public RecordCyclesOutput recordCycles(RecordCyclesInput input) {
    String what = input.cycles().size() + " buffered cycles"
        + (input.cycles().isEmpty() ? "" : " of " + input.cycles().get(0).product());
    RecordCyclesOutput output = write("cycle", what, () -> store.recordCycles(input));
    input.cycles().forEach(cycle -> metrics.onCycle(cycle, ownerOf));
    return output;
  }

  @Override
  public RecordIncidentOutput recordIncident(RecordIncidentInput input) {
    return write("incident", "incident " + input.incident().incidentId(), () -> store.recordIncident(input));
  }

  private <T> T write(String operation, String what, Supplier<T> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      metrics.onStoreWriteFailure(operation);
      if (e instanceof ApplicationFailure failure && failure.isNonRetryable()) {
        log.error("store refused {}: {}", what, e.getMessage());
      } else {
        log.warn("store write failed, the workflow retries it: {}: {}", what, e.getMessage());
      }
      throw e;
    }
  }
}
