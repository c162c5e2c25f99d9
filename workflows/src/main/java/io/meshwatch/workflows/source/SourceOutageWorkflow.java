package io.meshwatch.workflows.source;

import io.meshwatch.workflows.incident.IncidentClosed;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One warehouse connection's outage, workflow id {@code source/<connection>} ({@link #idFor}). The
 * monitors of the products on that connection report through
 * {@link io.meshwatch.workflows.activities.SourceActivities#report}, whose worker implementation
 * signals-with-start this workflow ({@link #productDown}) or signals it ({@link #productUp}). While at
 * least one product is down it keeps exactly one "source unavailable" incident open, a child
 * {@link io.meshwatch.workflows.incident.IncidentWorkflow} whose product is a pseudo-product for the
 * connection owned by team {@value SourceOutageWorkflowImpl#PLATFORM_TEAM}: the delivery side routes
 * owner {@code platform} to the platform channel. The product monitors send nothing for the outage
 * meanwhile. When every reported product is up again the incident resolves (RECOVERED) and the
 * workflow ends; the next outage starts a new one.
 */
@WorkflowInterface
public interface SourceOutageWorkflow {

  /** The workflow type name, kept stable across refactorings. */
  String TYPE = "SourceOutage";

  /** The workflow id of a connection's outage. */
  static String idFor(String connection) {
    return "source/" + connection;
  }

  @WorkflowMethod(name = TYPE)
  SourceOutageResult run(SourceOutageInput input);

  /** A product's monitor cannot reach the connection. */
  @SignalMethod
  void productDown(SourceProduct product);

  /** A product's monitor reaches the connection again (or the product was retired). */
  @SignalMethod
  void productUp(SourceProduct product);

  /** From the source incident: resolved by hand while products were still down. */
  @SignalMethod(name = "incidentClosed")
  void incidentClosed(IncidentClosed closed);

  @QueryMethod
  SourceOutageStatus status();
}
