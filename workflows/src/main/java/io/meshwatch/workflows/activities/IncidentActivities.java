package io.meshwatch.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Delivers an incident's messages (Slack, webhook, console): routing, rate limits, digests and
 * exactly-once are the implementation's, in the alerts module. Transitions are recorded through
 * {@link StoreActivities#recordIncident}.
 */
@ActivityInterface
public interface IncidentActivities {

  @ActivityMethod
  DeliveryOutput deliver(DeliveryInput input);
}
