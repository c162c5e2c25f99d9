package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.incident.FailingCheck;
import java.time.Instant;
import java.util.List;

/**
 * What a monitor knows of its product's incidents, carried across continue-as-new.
 *
 * @param incidentId the open incident's workflow id, null when none is open
 * @param breachSince the instant in the id of the breach's first incident, null outside a breach; a
 *     later incident of the same breach (after one was resolved by hand) is keyed by its own opening
 * @param failing the FAIL checks as last handled, each with since when it fails (kept while the
 *     source is down, so the incident resumes where it stopped)
 * @param closedByHand the ids that failed when an incident was resolved by hand: no incident opens
 *     while only these fail; shrinks as they stop failing, cleared by a recovery
 * @param downConnection the warehouse connection reported unreachable, null while it is reachable
 */
public record IncidentTracking(
    String incidentId,
    Instant breachSince,
    List<FailingCheck> failing,
    List<String> closedByHand,
    String downConnection) {

  public IncidentTracking {
    failing = failing == null ? List.of() : List.copyOf(failing);
    closedByHand = closedByHand == null ? List.of() : List.copyOf(closedByHand);
  }

  public static IncidentTracking none() {
    return new IncidentTracking(null, null, List.of(), List.of(), null);
  }

  IncidentTracking opened(String id, Instant since) {
    return new IncidentTracking(id, since, failing, List.of(), downConnection);
  }

  IncidentTracking closed(List<String> stillFailing) {
    return new IncidentTracking(null, breachSince, failing, stillFailing, downConnection);
  }

  IncidentTracking withFailing(List<FailingCheck> now, List<String> suppressed) {
    return new IncidentTracking(incidentId, breachSince, now, suppressed, downConnection);
  }

  IncidentTracking withDownConnection(String connection) {
    return new IncidentTracking(incidentId, breachSince, failing, closedByHand, connection);
  }

  /** After a recovery: nothing open, nothing failing, nothing held back; the connection as it is. */
  IncidentTracking recovered() {
    return new IncidentTracking(null, null, List.of(), List.of(), downConnection);
  }
}
