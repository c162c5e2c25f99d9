package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryOutput;
import io.meshwatch.workflows.activities.IncidentActivities;
import io.meshwatch.workflows.activities.MessageRef;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each delivery to every configured sink (Slack first, then the webhook, then the console, as
 * the worker orders them). Every sink is tried even when an earlier one fails, so a broken webhook
 * does not hold Slack back; then the first failure fails the activity and Temporal retries it. The
 * sinks' outboxes make the retry repeat only what had not been sent.
 *
 * <p>The main message returned is the first one a sink reports, in sink order: Slack's when Slack is
 * configured, so later intents edit and thread under it.
 */
public final class IncidentActivitiesImpl implements IncidentActivities {

  private static final Logger log = LoggerFactory.getLogger(IncidentActivitiesImpl.class);

  private final List<IncidentSink> sinks;

  public IncidentActivitiesImpl(List<IncidentSink> sinks) {
    if (sinks == null || sinks.isEmpty()) {
      throw new IllegalArgumentException("incident delivery needs at least one sink (console, webhook or Slack)");
    }
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public DeliveryOutput deliver(DeliveryInput input) {
    if (input == null) {
      throw DeliveryFailure.BAD_INPUT.nonRetryable("deliver needs an input");
    }
    if (input.key().isBlank()) {
      throw DeliveryFailure.BAD_INPUT.nonRetryable("a delivery key must not be blank (incident " + input.incident().incidentId() + ")");
    }
    MessageRef main = null;
    boolean sent = false;
    RuntimeException failure = null;
    for (IncidentSink sink : sinks) {
      try {
        SinkResult result = sink.deliver(input);
        if (main == null && result.message() != null) {
          main = result.message();
        }
        sent |= result.sent();
      } catch (RuntimeException e) {
        log.warn("{} delivery of {} for incident {} failed: {}", sink.name(), input.intent(),
            input.incident().incidentId(), e.getMessage());
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure instanceof ApplicationFailure ? failure
          : DeliveryFailure.SINK_FAILED.retryable(input.intent() + " delivery failed: " + failure.getMessage(), failure);
    }
    return new DeliveryOutput(main != null ? main : input.message(), sent);
  }
}
