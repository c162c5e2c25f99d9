package io.meshwatch.worker.bench;

import io.meshwatch.workflows.activities.SourceActivities;
import io.meshwatch.workflows.activities.SourceReport;
import io.meshwatch.workflows.activities.SourceReportOutput;

/** Outage reports for the benchmark's monitors: the bench warehouse is local, and an outage there is nobody's incident. */
final class SilentSources implements SourceActivities {

  @Override
  public SourceReportOutput report(SourceReport report) {
    return new SourceReportOutput(null);
  }
}
