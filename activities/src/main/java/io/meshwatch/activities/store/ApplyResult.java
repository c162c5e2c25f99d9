package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.ProductId;
import java.util.Objects;

/** The result of {@link RegistryStore#apply}: the product's current spec version after the call. */
public record ApplyResult(ProductId product, long version, ApplyOutcome outcome) {

  public ApplyResult {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(outcome, "outcome");
  }
}
