package io.meshwatch.workflows.model;

/**
 * {@code spec.escalation}: overrides of the escalation ladder, in minutes; null means "use the
 * worker's default" (steward after 30, platform after 120).
 */
public record EscalationSpec(Long stewardAfterMinutes, Long platformAfterMinutes, Long reminderEveryMinutes) {

  public static EscalationSpec defaults() {
    return new EscalationSpec(null, null, null);
  }
}
