package io.meshwatch.workflows.activities;

import java.util.Objects;

/**
 * Input of {@link IncidentActivities#deliver}. {@code key} is unique per intent (incident id, intent,
 * sequence): the delivery side writes it to its outbox before any call, so a retried activity never
 * sends twice. {@code message} is the incident's main message once it exists (null for
 * {@link DeliveryIntent#OPENED}), to edit and to reply under.
 */
public record DeliveryInput(String key, DeliveryIntent intent, IncidentSnapshot incident, MessageRef message) {
  public DeliveryInput {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(incident, "incident");
  }
}
