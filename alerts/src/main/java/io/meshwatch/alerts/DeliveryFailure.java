package io.meshwatch.alerts;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * The types of the {@link ApplicationFailure}s a delivery throws. Everything that a later attempt
 * may fix (an outage, a rate limit, a channel the bot was not yet invited to, a revoked token that an
 * operator replaces) is retryable: a message is late rather than lost. Only a message Slack refuses
 * for its content is not, since sending it again cannot help.
 */
public enum DeliveryFailure {
  /** Slack answered 429 for longer than the activity may wait; retried after Retry-After. */
  SLACK_RATE_LIMITED,
  /** Slack could not be reached or answered 5xx. */
  SLACK_UNAVAILABLE,
  /** Slack refused the call for a reason an operator can fix (token, scope, channel membership). */
  SLACK_REFUSED,
  /** Slack refused the message itself (its blocks or size): retrying cannot help. */
  SLACK_INVALID_MESSAGE,
  /** A digest this opening joined was not posted (its poster failed or the wait ran out). */
  DIGEST_NOT_POSTED,
  /** The webhook could not be reached or answered other than 2xx. */
  WEBHOOK_FAILED,
  /** The delivery input or the routing configuration is unusable. */
  BAD_INPUT,
  /** A sink failed in a way it did not classify (a bug or an outbox outage): retried. */
  SINK_FAILED;

  public ApplicationFailure retryable(String message) {
    return ApplicationFailure.newBuilder().setType(name()).setMessage(message).build();
  }

  public ApplicationFailure retryable(String message, Throwable cause) {
    return ApplicationFailure.newBuilder().setType(name()).setMessage(message).setCause(cause).build();
  }

  /** A retryable failure that asks Temporal to wait {@code delay} before the next attempt. */
  public ApplicationFailure retryAfter(String message, Duration delay) {
    return ApplicationFailure.newBuilder().setType(name()).setMessage(message).setNextRetryDelay(delay).build();
  }

  public ApplicationFailure nonRetryable(String message) {
    return ApplicationFailure.newBuilder().setType(name()).setMessage(message).setNonRetryable(true).build();
  }
}
