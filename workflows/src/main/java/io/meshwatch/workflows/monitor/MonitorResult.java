package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.ProductId;

/** Output of {@link ProductMonitorWorkflow#monitor}: a monitor ends only when its product is retired. */
public record MonitorResult(ProductId product, String retiredBy, long evaluations) {}
