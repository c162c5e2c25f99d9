package io.meshwatch.workflows.source;

import io.meshwatch.workflows.model.ProductId;
import java.util.Objects;

/** Signal argument of {@link SourceOutageWorkflow#productDown} and {@link SourceOutageWorkflow#productUp}. */
public record SourceProduct(ProductId product) {
  public SourceProduct {
    Objects.requireNonNull(product, "product");
  }
}
