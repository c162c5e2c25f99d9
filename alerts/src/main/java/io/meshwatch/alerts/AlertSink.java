package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.NotifyInput;

/** Where alerts go: the console now; Slack and webhooks plug in here. */
public interface AlertSink {

  /** Delivers one alert; throws on a delivery failure so the activity retries. */
  void deliver(NotifyInput alert);
}
