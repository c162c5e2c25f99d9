package io.meshwatch.worker.bench;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.Objects;

/** One generated product: its table of {@code rows} rows and its loaded spec. */
public record BenchProduct(String table, int rows, ProductSpec spec) {

  public BenchProduct {
    Objects.requireNonNull(table);
    Objects.requireNonNull(spec);
  }
}
