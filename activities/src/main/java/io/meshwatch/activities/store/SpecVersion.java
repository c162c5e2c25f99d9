package io.meshwatch.activities.store;

import java.time.Instant;
import java.util.Objects;

/** One entry of a product's registration history. */
public record SpecVersion(long version, String sha256, String appliedBy, Instant appliedAt) {

  public SpecVersion {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(appliedBy, "appliedBy");
    Objects.requireNonNull(appliedAt, "appliedAt");
  }
}
