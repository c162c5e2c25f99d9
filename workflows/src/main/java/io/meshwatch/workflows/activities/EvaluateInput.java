package io.meshwatch.workflows.activities;

import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;

/**
 * Input of {@link WarehouseActivities#evaluate}. {@code scheduledAt} is the cycle's time (it keys the
 * results); {@code dataVersion} the version the probe saw.
 */
public record EvaluateInput(ProductSpec spec, Instant scheduledAt, String dataVersion) {}
