package io.meshwatch.workflows.model;

import java.util.Objects;

/**
 * The result of one check in one evaluation. Aggregates only, never data values (DESIGN §8): an
 * observed ratio or count, the threshold it was held to, how many rows violated it out of how many.
 * {@code message} explains ERROR / NOT_EVALUATED outcomes and failures in words, without values.
 * Absent numbers are null.
 */
public record CheckResult(
    String checkId,
    CheckKind kind,
    Outcome outcome,
    Double observed,
    Double threshold,
    Long violations,
    Long rows,
    String message) {

  public CheckResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
  }

  public static CheckResult error(Check check, String message) {
    return new CheckResult(check.id(), check.kind(), Outcome.ERROR, null, null, null, null, message);
  }

  public static CheckResult notEvaluated(Check check, String message) {
    return new CheckResult(check.id(), check.kind(), Outcome.NOT_EVALUATED, null, null, null, null, message);
  }
}
