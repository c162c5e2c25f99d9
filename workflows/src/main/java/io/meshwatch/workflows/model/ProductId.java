package io.meshwatch.workflows.model;

import java.util.Objects;

/** A product's identity: {@code domain/name}, both lower-case DNS labels (checked by the spec loader). */
public record ProductId(String domain, String name) {

  public ProductId {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(name, "name");
  }

  /** Parses {@code domain/name}. */
  public static ProductId parse(String value) {
    int slash = value.indexOf('/');
    if (slash <= 0 || slash != value.lastIndexOf('/') || slash == value.length() - 1) {
      throw new IllegalArgumentException("product id must be domain/name, got '" + value + "'");
    }
    return new ProductId(value.substring(0, slash), value.substring(slash + 1));
  }

  /** The Temporal workflow id of this product's monitor (DESIGN §8). */
  public String workflowId() {
    return "product/" + domain + "/" + name;
  }

  @Override
  public String toString() {
    return domain + "/" + name;
  }
}
