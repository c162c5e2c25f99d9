package io.meshwatch.activities.store;

import java.util.List;
import java.util.Objects;

/** An incident with every transition recorded for it, in sequence order. */
public record IncidentHistory(StoredIncident incident, List<StoredTransition> transitions) {
  public IncidentHistory {
    Objects.requireNonNull(incident, "incident");
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
  }
}
