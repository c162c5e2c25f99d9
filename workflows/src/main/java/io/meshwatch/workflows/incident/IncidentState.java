package io.meshwatch.workflows.incident;

/** Where an incident stands. Only RESOLVED is final. */
public enum IncidentState {
  /** Breached and nobody has answered: the escalation ladder runs. */
  OPEN,
  /** Someone took it: the ladder stops; reminders go into the thread. */
  ACKNOWLEDGED,
  /** Put aside until a time, after which it is OPEN again and the ladder resumes. */
  SNOOZED,
  /** Over: the product recovered, or someone resolved it with a reason. */
  RESOLVED
}
