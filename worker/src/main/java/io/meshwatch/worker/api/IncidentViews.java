package io.meshwatch.worker.api;

import io.meshwatch.activities.store.IncidentHistory;
import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.activities.store.StoredTransition;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.FailingCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the incident endpoints. States and kinds are enum names as elsewhere in the
 * API; a resolution is spelt as it is given ({@code fixed}, {@code false_positive}).
 */
final class IncidentViews {

  private IncidentViews() {}

  static List<Map<String, Object>> list(List<StoredIncident> incidents) {
    return incidents.stream().map(IncidentViews::summary).toList();
  }

  static Map<String, Object> summary(StoredIncident i) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", i.id());
    view.put("product", i.product().toString());
    view.put("domain", i.product().domain());
    view.put("name", i.product().name());
    view.put("owner", i.owner());
    view.put("state", i.state());
    view.put("productState", i.productState());
    view.put("openedAt", i.openedAt());
    view.put("acknowledgedAt", i.acknowledgedAt());
    view.put("acknowledgedBy", actor(i.acknowledgedBy()));
    view.put("snoozedUntil", i.snoozedUntil());
    view.put("resolvedAt", i.resolvedAt());
    view.put("resolution", i.resolution() == null ? null : i.resolution().wireName());
    view.put("resolvedBy", actor(i.resolvedBy()));
    view.put("note", i.note());
    view.put("failing", i.failing().stream().map(IncidentViews::failing).toList());
    view.put("message", message(i.message()));
    view.put("lastSequence", i.lastSequence());
    view.put("updatedAt", i.updatedAt());
    return view;
  }

  static Map<String, Object> detail(IncidentHistory history) {
    Map<String, Object> view = summary(history.incident());
    view.put("transitions", history.transitions().stream().map(IncidentViews::transition).toList());
    return view;
  }

  private static Map<String, Object> failing(FailingCheck check) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("checkId", check.checkId());
    view.put("kind", check.result().kind());
    view.put("outcome", check.result().outcome());
    view.put("observed", check.result().observed());
    view.put("threshold", check.result().threshold());
    view.put("violations", check.result().violations());
    view.put("rows", check.result().rows());
    view.put("message", check.result().message());
    view.put("since", check.since());
    return view;
  }

  private static Map<String, Object> transition(StoredTransition t) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("sequence", t.sequence());
    view.put("at", t.at());
    view.put("kind", t.kind());
    view.put("by", actor(t.by()));
    view.put("detail", t.detail());
    return view;
  }

  private static Map<String, Object> actor(Actor actor) {
    if (actor == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", actor.name());
    view.put("via", actor.via());
    return view;
  }

  private static Map<String, Object> message(MessageRef message) {
    if (message == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("sink", message.sink());
    view.put("channel", message.channel());
    view.put("id", message.id());
    return view;
  }

  /** The answer to an accepted command. */
  static Map<String, Object> accepted(String incidentId, IncidentCommand command) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("incidentId", incidentId);
    view.put("command", command.verb());
    view.put("by", actor(command.by()));
    switch (command) {
      case IncidentCommand.Snooze s -> view.put("for", s.duration().toString());
      case IncidentCommand.Resolve r -> {
        view.put("reason", r.reason().wireName());
        view.put("note", r.note());
      }
      case IncidentCommand.Acknowledge a -> { }
    }
    view.put("status", "accepted");
    return view;
  }
}
