package io.meshwatch.worker.demo;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.Objects;

/** A demo product's spec as loaded from {@code demo/<file>}, with the text it was read from. */
public record DemoSpec(String file, ProductSpec spec, String text) {

  public DemoSpec {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(text, "text");
  }
}
