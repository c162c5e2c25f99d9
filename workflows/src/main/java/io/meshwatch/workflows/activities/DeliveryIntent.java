package io.meshwatch.workflows.activities;

/** What one delivery says. The delivery side maps each to its messages (DESIGN §7). */
public enum DeliveryIntent {
  /** The incident opened: the main message in the owner's channel (with the buttons). */
  OPENED,
  /** The failing checks changed: the main message edited, and a reply in its thread. */
  UPDATED,
  /** Unacknowledged after the steward delay, or a PII violation: a direct message to the steward. */
  ESCALATED_TO_STEWARD,
  /** Unacknowledged after the platform delay: a post in the platform escalation channel. */
  ESCALATED_TO_PLATFORM,
  /** Still unresolved: a reply in the main message's thread, never a new post. */
  REMINDER,
  /** Someone acknowledged: the main message edited, and a reply in its thread. */
  ACKNOWLEDGED,
  /** Someone snoozed it: the main message edited, and a reply in its thread. */
  SNOOZED,
  /** Resolved: the main message edited ("resolved after 2h 13m"), and a reply in its thread. */
  RESOLVED,
  /** A notice in the channels of consumer teams that opted in. */
  CONSUMER_NOTICE
}
