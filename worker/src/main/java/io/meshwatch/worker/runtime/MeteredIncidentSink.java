package io.meshwatch.worker.runtime;

import io.meshwatch.alerts.IncidentSink;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts what one sink does with each delivery attempt in {@code meshwatch_notifications_total}
 * (DESIGN §9). It wraps each sink rather than the whole delivery activity, so a broken webhook
 * shows as the webhook's failures while Slack's deliveries keep counting as sent. Labels are the
 * sink, the intent and the outcome — never the incident, its product or a message.
 */
final class MeteredIncidentSink implements IncidentSink {

  static final String METRIC = "meshwatch.notifications";

  /** What one attempt came to. */
  enum Outcome {
    /** The sink sent its message(s). */
    SENT,
    /** Nothing to send: the outbox showed an earlier attempt had, or the sink serves no one for this intent. */
    SKIPPED,
    /** The attempt threw; the activity fails and Temporal retries it. */
    FAILED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final IncidentSink sink;
  private final MeterRegistry registry;

  MeteredIncidentSink(IncidentSink sink, MeterRegistry registry) {
    this.sink = sink;
    this.registry = registry;
  }

  @Override
  public String name() {
    return sink.name();
  }

  @Override
  public SinkResult deliver(DeliveryInput input) {
    SinkResult result;
    try {
      result = sink.deliver(input);
    } catch (RuntimeException e) {
      count(input, Outcome.FAILED);
      throw e;
    }
    count(input, result.sent() ? Outcome.SENT : Outcome.SKIPPED);
    return result;
  }

  private void count(DeliveryInput input, Outcome outcome) {
    Counter.builder(METRIC)
        .description("Incident delivery attempts by sink, intent and outcome (sent, skipped, failed)")
        .tags("sink", sink.name(), "intent", input.intent().name().toLowerCase(Locale.ROOT), "outcome", outcome.label())
        .register(registry)
        .increment();
  }
}
