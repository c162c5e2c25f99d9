package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.MessageRef;

/**
 * What one sink did with a delivery: the incident's main message as this sink knows it (null when
 * the sink keeps none), and whether this call sent anything (false when the outbox showed an earlier
 * attempt had, or when the sink serves no one for this intent).
 */
public record SinkResult(MessageRef message, boolean sent) {

  public static SinkResult skipped(MessageRef message) {
    return new SinkResult(message, false);
  }
}
