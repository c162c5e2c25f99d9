package io.meshwatch.worker.api;

import io.meshwatch.workflows.incident.IncidentClosed;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.EvaluateNow;
import io.meshwatch.workflows.monitor.MonitorInput;
import io.meshwatch.workflows.monitor.MonitorResult;
import io.meshwatch.workflows.monitor.PauseRequest;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.ProductStatus;
import io.meshwatch.workflows.monitor.ResumeRequest;
import io.meshwatch.workflows.monitor.RetireRequest;
import io.meshwatch.workflows.monitor.SpecUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in product monitor for API tests: it counts how often each workflow id was started (a
 * second start of a running monitor would be a duplicate), records every signal once (not again on
 * replay), answers status with the spec version it was last given, and ends when retired.
 */
public class RecordingMonitorWorkflow implements ProductMonitorWorkflow {

  static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
  static final Map<String, List<Object>> SIGNALS = new ConcurrentHashMap<>();

  private MonitorInput input;
  private long specVersion;
  private RetireRequest retired;

  static int starts(String workflowId) {
    return STARTS.getOrDefault(workflowId, new AtomicInteger()).get();
  }

  static List<Object> signals(String workflowId) {
    return SIGNALS.getOrDefault(workflowId, List.of());
  }

  static void forget() {
    STARTS.clear();
    SIGNALS.clear();
  }

  @Override
  public MonitorResult monitor(MonitorInput input) {
    this.input = input;
    specVersion = Math.max(specVersion, input.specVersion());
    if (!Workflow.isReplaying()) {
      STARTS.computeIfAbsent(Workflow.getInfo().getWorkflowId(), id -> new AtomicInteger()).incrementAndGet();
    }
    Workflow.await(() -> retired != null);
    return new MonitorResult(input.spec().id(), retired.requestedBy(), 0);
  }

  private void record(Object signal) {
    if (!Workflow.isReplaying()) {
      SIGNALS.computeIfAbsent(Workflow.getInfo().getWorkflowId(), id -> new CopyOnWriteArrayList<>()).add(signal);
    }
  }

  @Override
  public void applySpec(SpecUpdate update) {
    record(update);
    // Like the real monitor: a late signal of an older version never replaces a newer one.
    specVersion = Math.max(specVersion, update.specVersion());
  }

  @Override
  public void evaluateNow(EvaluateNow request) {
    record(request);
  }

  @Override
  public void pause(PauseRequest request) {
    record(request);
  }

  @Override
  public void resume(ResumeRequest request) {
    record(request);
  }

  @Override
  public void retire(RetireRequest request) {
    record(request);
    retired = request;
  }

  @Override
  public void incidentClosed(IncidentClosed closed) {
    record(closed);
  }

  @Override
  public ProductStatus status() {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return new ProductStatus(input.spec().id(), specVersion, ProductState.HEALTHY, now, false, null, null, now, now, 1, 1, false,
        null, List.of(), null);
  }
}
