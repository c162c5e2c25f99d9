package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ProductId;
import java.time.Instant;
import java.util.Objects;

/** A stored check result: what one check gave in the cycle scheduled at {@code scheduledAt}. */
public record RecordedCheckResult(ProductId product, Instant scheduledAt, long specVersion, CheckResult result) {

  public RecordedCheckResult {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(result, "result");
  }
}
