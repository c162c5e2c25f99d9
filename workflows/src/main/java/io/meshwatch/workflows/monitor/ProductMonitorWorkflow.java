package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.incident.IncidentClosed;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One durable monitor per data product, workflow id {@code product/<domain>/<name>} (DESIGN §8). It
 * probes metadata on a cadence, evaluates when the data changed, persists every cycle, fires a timer
 * at the freshness deadline itself, opens one child {@code IncidentWorkflow} per breach episode and
 * keeps it up to date until the product recovers, and reports an unreachable warehouse connection
 * to the source-outage side instead of opening product incidents. Registering the product again
 * reaches the running monitor through {@link #applySpec} (signal-with-start), never a second one.
 */
@WorkflowInterface
public interface ProductMonitorWorkflow {

  /** The workflow type name, kept stable across refactorings. */
  String TYPE = "ProductMonitor";

  @WorkflowMethod(name = TYPE)
  MonitorResult monitor(MonitorInput input);

  @SignalMethod
  void applySpec(SpecUpdate update);

  @SignalMethod
  void evaluateNow(EvaluateNow request);

  @SignalMethod
  void pause(PauseRequest request);

  @SignalMethod
  void resume(ResumeRequest request);

  @SignalMethod
  void retire(RetireRequest request);

  /** From the product's incident: resolved by hand while its checks still failed. */
  @SignalMethod
  void incidentClosed(IncidentClosed closed);

  @QueryMethod
  ProductStatus status();
}
