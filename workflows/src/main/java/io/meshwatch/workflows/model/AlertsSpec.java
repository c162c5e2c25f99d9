package io.meshwatch.workflows.model;

/** {@code spec.alerts}: routing overrides. Null fields fall back to the worker's teams directory. */
public record AlertsSpec(String slackChannel, boolean notifyConsumers) {

  public static AlertsSpec defaults() {
    return new AlertsSpec(null, false);
  }
}
