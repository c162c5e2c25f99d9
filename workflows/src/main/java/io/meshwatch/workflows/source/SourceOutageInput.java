package io.meshwatch.workflows.source;

import io.meshwatch.workflows.incident.EscalationLadder;
import java.time.Duration;
import java.util.Objects;

/**
 * Input of {@link SourceOutageWorkflow#run}. {@code ladder} escalates the source incident (the
 * worker's default ladder). {@code gather} is how long the workflow collects reports before it acts
 * (null: one minute): the monitors of one connection see the outage within a poll of each other, and
 * the incident should open with all of them, and change at most once per window. {@code carried} is
 * null on the first run and holds the progress across continue-as-new.
 */
public record SourceOutageInput(String connection, EscalationLadder ladder, Duration gather, SourceOutageProgress carried) {

  /** How long reports are gathered when the input does not say. */
  public static final Duration DEFAULT_GATHER = Duration.ofMinutes(1);

  public SourceOutageInput {
    Objects.requireNonNull(connection, "connection");
    ladder = ladder == null ? EscalationLadder.defaults() : ladder;
    gather = gather == null ? DEFAULT_GATHER : gather;
    if (gather.isNegative()) {
      throw new IllegalArgumentException("gather must not be negative");
    }
  }
}
