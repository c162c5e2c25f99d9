package io.meshwatch.workflows.activities;

import java.util.Objects;

/** Input of {@link StoreActivities#recordIncident}: the incident as it stands after {@code transition}, upserted with it. */
public record RecordIncidentInput(IncidentSnapshot incident, IncidentTransition transition, MessageRef message) {
  public RecordIncidentInput {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(transition, "transition");
  }
}
