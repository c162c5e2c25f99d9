package io.meshwatch.alerts.slack;

import com.slack.api.model.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata on every message meshwatch posts: {@code event_type} {@value SlackActions#EVENT_TYPE}
 * and {@code event_payload} {@code {"incident_id": ..., "key": ...}}, the key being the outbox key of
 * that message. A digest carries its own key and {@code "members": [{"incident_id", "key"}, ...]}
 * (Slack's payload takes arrays of objects, not of strings). After a crash, a message is found again
 * by its key ({@link #carries}).
 */
final class SlackMetadata {

  static final String INCIDENT_ID = "incident_id";
  static final String KEY = "key";
  static final String MEMBERS = "members";

  private SlackMetadata() {}

  static Message.Metadata incident(String incidentId, String key) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put(INCIDENT_ID, incidentId);
    payload.put(KEY, key);
    return Message.Metadata.builder().eventType(SlackActions.EVENT_TYPE).eventPayload(payload).build();
  }

  /** A digest's metadata: its own key and, per incident in it, the incident id and the opening's key. */
  static Message.Metadata digest(String digestKey, List<Map.Entry<String, String>> incidentKeys) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put(KEY, digestKey);
    payload.put(MEMBERS, incidentKeys.stream()
        .map(m -> Map.<String, Object>of(INCIDENT_ID, m.getKey(), KEY, m.getValue())).toList());
    return Message.Metadata.builder().eventType(SlackActions.EVENT_TYPE).eventPayload(payload).build();
  }

  /** True when {@code message} is meshwatch's message for {@code key}, alone or in a digest. */
  static boolean carries(Message message, String key) {
    Map<String, Object> payload = payload(message);
    if (payload == null) {
      return false;
    }
    if (key.equals(payload.get(KEY))) {
      return true;
    }
    return payload.get(MEMBERS) instanceof List<?> members
        && members.stream().anyMatch(m -> m instanceof Map<?, ?> member && key.equals(member.get(KEY)));
  }

  static boolean isDigest(Message message) {
    Map<String, Object> payload = payload(message);
    return payload != null && payload.containsKey(MEMBERS);
  }

  private static Map<String, Object> payload(Message message) {
    Message.Metadata metadata = message.getMetadata();
    if (metadata == null || !SlackActions.EVENT_TYPE.equals(metadata.getEventType())) {
      return null;
    }
    return metadata.getEventPayload();
  }
}
