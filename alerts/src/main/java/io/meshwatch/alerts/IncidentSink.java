package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.DeliveryInput;

/**
 * One place incidents go: Slack, a webhook, the console. Each sink makes its own deliveries exactly
 * once through the {@link io.meshwatch.alerts.outbox.DeliveryOutbox} (its keys are its own), so a
 * retried activity repeats only the sinks that had not finished.
 */
public interface IncidentSink {

  /** A short name for logs and message references: {@code slack}, {@code webhook}, {@code console}. */
  String name();

  /**
   * Delivers one intent. Throws (an {@link io.temporal.failure.ApplicationFailure} where the sink
   * knows whether and when to retry) when the delivery failed, so the activity is retried.
   */
  SinkResult deliver(DeliveryInput input);
}
