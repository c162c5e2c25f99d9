package io.meshwatch.workflows.incident;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * How a parent workflow (a product's monitor, a connection's outage) opens and reaches its incident.
 * Workflow code: call it from a workflow's thread only. A parent of an incident accepts the
 * {@value IncidentWorkflowImpl#PARENT_SIGNAL} signal.
 */
public final class ChildIncidents {

  private static final Logger log = Workflow.getLogger(ChildIncidents.class);

  private ChildIncidents() {}

  /**
   * An incident that runs: its id, and its result while the run that started it lasts (null when
   * it was found already started).
   */
  public record Opened(String incidentId, Promise<IncidentResult> result) {}

  /**
   * Starts {@code input}'s incident as a child of the calling workflow and waits for the start only,
   * never for the result: the incident lives as long as its breach, across the parent's
   * continue-as-new. Returns the incident when one with that id runs now (started here, or found
   * already started: one breach episode, one incident), empty when it could not start.
   */
  public static Optional<Opened> start(IncidentInput input) {
    IncidentWorkflow child = Workflow.newChildWorkflowStub(IncidentWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(input.incidentId())
        // The parent continues-as-new long before the incident ends; the incident must survive it.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        // An id names one breach episode: a second start is refused, never a second incident.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    Promise<IncidentResult> result = Async.function(child::run, input);
    try {
      Workflow.getWorkflowExecution(child).get();
      return Optional.of(new Opened(input.incidentId(), result));
    } catch (ChildWorkflowFailure e) {
      if (e.getCause() instanceof WorkflowExecutionAlreadyStarted) {
        log.info("incident {} already exists; it stays the one incident of its episode", input.incidentId());
        return Optional.of(new Opened(input.incidentId(), null));
      }
      log.error("could not open incident {}: {}", input.incidentId(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Signals the running incident {@code incidentId} through an external stub (the parent may be a
   * later run than the one that started it). Returns false when no such incident runs any more.
   */
  public static boolean signal(String incidentId, Consumer<IncidentWorkflow> signal) {
    IncidentWorkflow incident = Workflow.newExternalWorkflowStub(IncidentWorkflow.class, incidentId);
    try {
      signal.accept(incident);
      return true;
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      if (!isNotFound(e)) {
        throw e;
      }
      log.warn("incident {} no longer runs: {}", incidentId, e.getMessage());
      return false;
    }
  }

  /**
   * Whether a failed signal found no running workflow. The SDK fails the signal's promise with an
   * {@link ApplicationFailure} whose type is the server's cause.
   */
  public static boolean isNotFound(RuntimeException signalFailure) {
    return signalFailure instanceof SignalExternalWorkflowException
        || (signalFailure instanceof ApplicationFailure failure && NOT_FOUND.equals(failure.getType()));
  }

  private static final String NOT_FOUND =
      SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND.name();
}
