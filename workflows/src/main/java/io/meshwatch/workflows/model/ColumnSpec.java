package io.meshwatch.workflows.model;

import java.util.Objects;

/** One entry of {@code spec.schema}. {@code piiHandling} is null unless {@code pii} is true. */
public record ColumnSpec(String name, String type, boolean nullable, boolean pii, PiiHandling piiHandling) {

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
