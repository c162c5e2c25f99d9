package io.meshwatch.workflows.incident;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One breach episode of one product (DESIGN §7), a child of the product's monitor, id
 * {@link IncidentInput#idFor}. It posts to the owner at once (and to the steward at once for a PII
 * violation), climbs the escalation ladder while nobody acknowledges, reminds in the thread, follows
 * the failing checks the monitor reports, and ends resolved: by the product's recovery or by hand.
 * Every transition is recorded in PostgreSQL and every message goes out exactly once.
 */
@WorkflowInterface
public interface IncidentWorkflow {

  @WorkflowMethod
  IncidentResult run(IncidentInput input);

  @SignalMethod
  void checksChanged(IncidentChange change);

  @SignalMethod
  void productRecovered(ProductRecovered recovered);

  @SignalMethod
  void acknowledge(AcknowledgeRequest request);

  @SignalMethod
  void snooze(SnoozeRequest request);

  @SignalMethod
  void resolve(ResolveRequest request);

  @SignalMethod
  void sourceInhibition(SourceInhibition inhibition);

  @QueryMethod
  IncidentStatus status();
}
