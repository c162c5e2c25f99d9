package io.meshwatch.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Delivers alerts. Implemented in the alerts module. */
@ActivityInterface
public interface AlertActivities {

  @ActivityMethod
  NotifyOutput notify(NotifyInput input);
}
