package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored evaluation: one cycle that scanned the data, what it cost, and the product state it led
 * to. {@code dataVersion} is the warehouse's version token the scan saw (null when unknown);
 * {@code bytesProcessed} and {@code bytesBilled} are what the warehouse reported (zero where it does
 * not bill by scan).
 */
public record Evaluation(
    ProductId product,
    Instant scheduledAt,
    long specVersion,
    String dataVersion,
    int queries,
    int scans,
    long rowsScanned,
    long durationMillis,
    long bytesProcessed,
    long bytesBilled,
    ProductState state) {

  public Evaluation {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(state, "state");
  }
}
