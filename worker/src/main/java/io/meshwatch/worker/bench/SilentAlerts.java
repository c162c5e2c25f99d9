package io.meshwatch.worker.bench;

import io.meshwatch.workflows.activities.AlertActivities;
import io.meshwatch.workflows.activities.NotifyInput;
import io.meshwatch.workflows.activities.NotifyOutput;

/** The alert activity for the benchmark's monitors: the generated products breach on purpose, and nobody is paged. */
final class SilentAlerts implements AlertActivities {

  @Override
  public NotifyOutput notify(NotifyInput input) {
    return new NotifyOutput(true);
  }
}
