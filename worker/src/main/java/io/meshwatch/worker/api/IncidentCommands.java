package io.meshwatch.worker.api;

/**
 * The port to running incidents: delivers a command to the incident's workflow. The Temporal
 * adapter signals it ({@link TemporalIncidentCommands}).
 */
public interface IncidentCommands {

  SendResult send(String incidentId, IncidentCommand command);

  /** How sending went. */
  sealed interface SendResult {
    /** The incident's workflow has the signal (it applies it when it next runs). */
    record Sent() implements SendResult {}

    /** No workflow runs under this id: it never existed, or it ended. */
    record NotRunning(String detail) implements SendResult {}

    /** Temporal could not be asked; the command may be retried. */
    record Unavailable(String detail) implements SendResult {}
  }
}
