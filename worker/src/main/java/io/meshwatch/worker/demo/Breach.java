package io.meshwatch.worker.demo;

import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A breach the seeded monitor saw: opened as incident {@code incidentId} at the cycle
 * {@code openedAt} in {@code state} with {@code failing}, until the cycle {@code recoveredAt} found
 * the product {@code recoveredState}. {@code expected}: the owner knew (declared maintenance).
 */
record Breach(
    String incidentId,
    ProductState state,
    Instant openedAt,
    List<FailingCheck> failing,
    Instant recoveredAt,
    ProductState recoveredState,
    boolean expected) {

  Breach {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(recoveredAt, "recoveredAt");
    Objects.requireNonNull(recoveredState, "recoveredState");
    failing = List.copyOf(failing);
  }
}
