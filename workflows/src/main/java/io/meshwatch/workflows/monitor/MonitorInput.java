package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.Objects;

/**
 * Input of {@link ProductMonitorWorkflow#monitor}: the spec and its registry version, how to run, and
 * the state carried over from a previous run (null on a first start).
 */
public record MonitorInput(ProductSpec spec, long specVersion, MonitorSettings settings, MonitorState carried) {

  public MonitorInput {
    Objects.requireNonNull(spec, "spec");
    settings = settings == null ? MonitorSettings.defaults() : settings;
  }
}
