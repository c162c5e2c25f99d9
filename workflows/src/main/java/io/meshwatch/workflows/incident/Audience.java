package io.meshwatch.workflows.incident;

/** Who an incident reaches. Routing to channels and users is the delivery side's. */
public enum Audience {
  /** The owning team's channel (teams directory, or {@code spec.alerts.slack_channel}). */
  OWNER,
  /** The steward, by direct message (looked up by e-mail). */
  STEWARD,
  /** The platform team's escalation channel. */
  PLATFORM,
  /** The channels of consumer teams that opted in to notices. */
  CONSUMERS
}
