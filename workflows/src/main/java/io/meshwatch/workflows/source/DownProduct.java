package io.meshwatch.workflows.source;

import io.meshwatch.workflows.model.ProductId;
import java.time.Instant;
import java.util.Objects;

/** A product whose monitor cannot reach the connection, since the workflow time its report arrived. */
public record DownProduct(ProductId product, Instant since) {
  public DownProduct {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(since, "since");
  }
}
