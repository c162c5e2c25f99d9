package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;
import java.util.Objects;

/**
 * Input of {@link ProductMonitorWorkflow#monitor}: the spec and its registry version, how to run, and
 * the state carried over from a previous run (null on a first start), and the cycles that run
 * observed but could not record yet (oldest first; sent to the store before new ones).
 */
public record MonitorInput(
    ProductSpec spec, long specVersion, MonitorSettings settings, MonitorState carried, List<RecordCycleInput> unrecorded) {

  public MonitorInput {
    Objects.requireNonNull(spec, "spec");
    settings = settings == null ? MonitorSettings.defaults() : settings;
    unrecorded = unrecorded == null ? List.of() : List.copyOf(unrecorded);
  }

  /** A start, or a carry-over with every cycle already in the store. */
  public MonitorInput(ProductSpec spec, long specVersion, MonitorSettings settings, MonitorState carried) {
    this(spec, specVersion, settings, carried, List.of());
  }
}
