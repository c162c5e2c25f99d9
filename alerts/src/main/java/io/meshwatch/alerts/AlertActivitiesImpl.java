package io.meshwatch.alerts;

import io.meshwatch.workflows.activities.AlertActivities;
import io.meshwatch.workflows.activities.NotifyInput;
import io.meshwatch.workflows.activities.NotifyOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers each alert to every configured sink. Remembers recently delivered keys so an activity
 * retried after a delivery (a lost completion) does not repeat it in this process; durable
 * exactly-once delivery through an outbox belongs to the Slack sink.
 */
public final class AlertActivitiesImpl implements AlertActivities {

  private static final int REMEMBERED_KEYS = 10_000;

  private final List<AlertSink> sinks;
  private final Map<String, Boolean> delivered = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_KEYS;
    }
  };

  public AlertActivitiesImpl(List<AlertSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public NotifyOutput notify(NotifyInput input) {
    synchronized (delivered) {
      if (delivered.containsKey(input.key())) {
        return new NotifyOutput(false);
      }
    }
    for (AlertSink sink : sinks) {
      sink.deliver(input);
    }
    synchronized (delivered) {
      delivered.put(input.key(), Boolean.TRUE);
    }
    return new NotifyOutput(true);
  }
}
