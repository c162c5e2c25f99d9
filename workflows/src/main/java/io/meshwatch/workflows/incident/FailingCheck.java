package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.CheckResult;
import java.time.Instant;
import java.util.List;
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

  /**
   * Since when a breach with these failing checks has lasted: the earliest of their since (a late
   * product is late from its deadline, before the cycle that saw it), else {@code openedAt}.
   */
  public static Instant breachSince(List<FailingCheck> failing, Instant openedAt) {
    Instant since = openedAt;
    for (FailingCheck check : failing) {
      if (check.since().isBefore(since)) {
        since = check.since();
      }
    }
    return since;
  }
}
