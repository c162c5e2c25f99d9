package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.Objects;

/** One stored spec version with the text it was registered from (null when none was given). */
public record StoredSpec(SpecVersion version, ProductSpec spec, String sourceText) {

  public StoredSpec {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(spec, "spec");
  }
}
