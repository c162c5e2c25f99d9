package io.meshwatch.worker.api;

import io.meshwatch.workflows.incident.AcknowledgeRequest;
import io.meshwatch.workflows.incident.IncidentChange;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentResult;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.IncidentStatus;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.ProductRecovered;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.SnoozeRequest;
import io.meshwatch.workflows.incident.SourceInhibition;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in incident workflow for API tests: it records every signal it receives (by workflow id,
 * once, not again on replay), keeps the state a real incident would show, and ends when resolved.
 */
public class RecordingIncidentWorkflow implements IncidentWorkflow {

  static final Map<String, List<Object>> SIGNALS = new ConcurrentHashMap<>();

  private IncidentInput input;
  private IncidentState state = IncidentState.OPEN;
  private AcknowledgeRequest acknowledged;
  private Instant snoozedUntil;
  private ResolveRequest resolved;
  private Instant resolvedAt;

  static List<Object> signals(String incidentId) {
    return SIGNALS.getOrDefault(incidentId, List.of());
  }

  @Override
  public IncidentResult run(IncidentInput input) {
    this.input = input;
    Workflow.await(() -> resolved != null);
    return new IncidentResult(input.incidentId(), resolved.reason(), resolved.by(), resolvedAt);
  }

  private void record(Object signal) {
    if (!Workflow.isReplaying()) {
      SIGNALS.computeIfAbsent(Workflow.getInfo().getWorkflowId(), id -> new CopyOnWriteArrayList<>()).add(signal);
    }
  }

  @Override
  public void checksChanged(IncidentChange change) {
    record(change);
  }

  @Override
  public void productRecovered(ProductRecovered recovered) {
    record(recovered);
  }

  @Override
  public void acknowledge(AcknowledgeRequest request) {
    record(request);
    acknowledged = request;
    state = IncidentState.ACKNOWLEDGED;
  }

  @Override
  public void snooze(SnoozeRequest request) {
    record(request);
    snoozedUntil = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(request.duration());
    state = IncidentState.SNOOZED;
  }

  @Override
  public void resolve(ResolveRequest request) {
    record(request);
    resolved = request;
    resolvedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    state = IncidentState.RESOLVED;
  }

  @Override
  public void sourceInhibition(SourceInhibition inhibition) {
    record(inhibition);
  }

  @Override
  public IncidentStatus status() {
    return new IncidentStatus(input.incidentId(), input.product().id(), state, input.productState(), input.openedAt(), input.failing(),
        null, acknowledged == null ? null : acknowledged.by(), snoozedUntil, resolvedAt,
        resolved == null ? null : resolved.reason(), resolved == null ? null : resolved.by(),
        resolved == null ? null : resolved.note(), Set.of(), null, false);
  }
}
