package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;

/**
 * What a monitor carries across continue-as-new: small by design (aggregates and a bounded update
 * history), so the new run starts where the old one stopped without replaying anything. Its
 * {@code incidents} name the open incident, so a later run reaches the same one.
 */
public record MonitorState(
    boolean paused,
    String dataVersion,
    List<Instant> observedUpdates,
    List<CheckResult> results,
    FreshnessAssessment freshness,
    ProductState state,
    Instant stateSince,
    IncidentTracking incidents,
    Instant lastCycleAt,
    Instant lastEvaluatedAt,
    long evaluations,
    long cycles) {

  public MonitorState {
    observedUpdates = observedUpdates == null ? List.of() : List.copyOf(observedUpdates);
    results = results == null ? List.of() : List.copyOf(results);
    incidents = incidents == null ? IncidentTracking.none() : incidents;
    state = state == null ? ProductState.UNKNOWN : state;
  }

  /** A first run that already tracks an open incident (restored from the store after a restart). */
  public static MonitorState tracking(IncidentTracking incidents) {
    return new MonitorState(false, null, List.of(), List.of(), null, ProductState.UNKNOWN, null, incidents, null, null, 0, 0);
  }

  public static MonitorState initial() {
    return new MonitorState(false, null, List.of(), List.of(), null, ProductState.UNKNOWN, null, IncidentTracking.none(), null, null, 0, 0);
  }
}
