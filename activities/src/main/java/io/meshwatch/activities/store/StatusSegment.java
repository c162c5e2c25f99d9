package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A span [{@code startedAt}, {@code endedAt}) during which the product was in one {@code state} with
 * one freshness outcome ({@code freshness}, null when the cycle had none). The open segment's
 * {@code endedAt} is the last cycle that confirmed it. {@code reason} says why the state began
 * (failing check ids, the freshness reason), never data values.
 */
public record StatusSegment(
    ProductId product,
    ProductState state,
    Outcome freshness,
    Instant startedAt,
    Instant endedAt,
    boolean open,
    String reason) {

  public StatusSegment {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
  }

  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }
}
