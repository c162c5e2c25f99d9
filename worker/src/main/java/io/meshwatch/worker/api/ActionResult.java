package io.meshwatch.worker.api;

/** What became of a command for an incident. */
public sealed interface ActionResult {

  /** The incident's workflow has the command. */
  record Accepted(String incidentId) implements ActionResult {}

  /** No such incident runs: unknown, or already resolved. */
  record NotFound(String detail) implements ActionResult {}

  /** Temporal could not be asked; try again. */
  record Unavailable(String detail) implements ActionResult {}
}
