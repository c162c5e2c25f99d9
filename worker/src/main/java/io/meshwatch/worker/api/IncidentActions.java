package io.meshwatch.worker.api;

import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.workflows.model.ProductId;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries a command to an incident, the same way for the API, the CLI (through the API) and Slack.
 * An incident the store knows as resolved gets nothing; otherwise the workflow decides: the store
 * may not yet hold an incident that has just opened, so a missing row alone refuses nothing.
 */
public final class IncidentActions {

  private final IncidentStore store;
  private final IncidentCommands commands;

  public IncidentActions(IncidentStore store, IncidentCommands commands) {
    this.store = Objects.requireNonNull(store, "store");
    this.commands = Objects.requireNonNull(commands, "commands");
  }

  public ActionResult perform(String incidentId, IncidentCommand command) {
    Optional<StoredIncident> stored = store.findIncident(incidentId);
    if (stored.isPresent() && !stored.get().open()) {
      StoredIncident resolved = stored.get();
      return new ActionResult.NotFound("incident " + incidentId + " is resolved"
          + (resolved.resolution() == null ? "" : " (" + resolved.resolution().wireName() + ")")
          + (resolved.resolvedAt() == null ? "" : " since " + resolved.resolvedAt()));
    }
    return switch (commands.send(incidentId, command)) {
      case IncidentCommands.SendResult.Sent sent -> new ActionResult.Accepted(incidentId);
      case IncidentCommands.SendResult.NotRunning notRunning -> new ActionResult.NotFound(notRunning.detail());
      case IncidentCommands.SendResult.Unavailable unavailable -> new ActionResult.Unavailable(unavailable.detail());
    };
  }

  /** The id of the product's incident that is not resolved, if it has one. */
  public Optional<String> openIncidentOf(ProductId product) {
    return store.findOpen(product).map(StoredIncident::id);
  }
}
