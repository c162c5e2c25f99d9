package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.Objects;

/** Signal: a new version of the product's spec was registered. Older versions than the running one are ignored. */
public record SpecUpdate(ProductSpec spec, long specVersion) {

  public SpecUpdate {
    Objects.requireNonNull(spec, "spec");
  }
}
