package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.CheckResult;
import java.time.Instant;
import java.util.Objects;

/** A check that is failing in an incident, with its latest result (aggregates only) and since when it fails. */
public record FailingCheck(CheckResult result, Instant since) {

  public FailingCheck {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(since, "since");
  }

  public String checkId() {
    return result.checkId();
  }
}
