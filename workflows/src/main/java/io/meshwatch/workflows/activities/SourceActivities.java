package io.meshwatch.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Tells the source-outage side that a product's warehouse connection went down or came back. The
 * worker's implementation signals-with-start the connection's
 * {@link io.meshwatch.workflows.source.SourceOutageWorkflow} ({@code productDown} /
 * {@code productUp}), so the many monitors of one connection feed one outage and one incident.
 * Idempotent: a repeated report changes nothing.
 */
@ActivityInterface
public interface SourceActivities {

  @ActivityMethod
  SourceReportOutput report(SourceReport report);
}
