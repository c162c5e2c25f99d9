package io.meshwatch.worker.runtime;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.model.ProductId;
import java.util.function.Function;

/** Records a cycle in the store, then in the metrics, so metrics never show what the store lost. */
public final class MeteredStoreActivities implements StoreActivities {

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
    RecordCycleOutput output = store.recordCycle(input);
    metrics.onCycle(input, ownerOf);
    return output;
  }

  @Override
  public RecordIncidentOutput recordIncident(RecordIncidentInput input) {
    return store.recordIncident(input);
  }
}
