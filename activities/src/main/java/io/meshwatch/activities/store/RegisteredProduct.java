package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * A product as the registry holds it: its current spec and version, and its lifecycle. Owner and
 * steward are those of {@code spec}. {@code retiredAt} and {@code retiredBy} are null while active.
 */
public record RegisteredProduct(
    ProductId id,
    long version,
    ProductSpec spec,
    boolean active,
    boolean paused,
    Instant createdAt,
    Instant updatedAt,
    Instant retiredAt,
    String retiredBy) {

  public RegisteredProduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
