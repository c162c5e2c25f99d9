package io.meshwatch.workflows.activities;

/** A step in an incident's life, as stored. */
public enum TransitionKind {
  OPENED,
  UPDATED,
  ESCALATED_TO_STEWARD,
  ESCALATED_TO_PLATFORM,
  REMINDED,
  ACKNOWLEDGED,
  SNOOZED,
  UNSNOOZED,
  INHIBITED,
  UNINHIBITED,
  RESOLVED
}
