package io.meshwatch.workflows.model;

import java.util.Objects;

/** One entry of {@code spec.consumers}: who is hurt when the product breaks. */
public record ConsumerSpec(String team, String useCase) {

  public ConsumerSpec {
    Objects.requireNonNull(team, "team");
  }
}
