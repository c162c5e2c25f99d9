package io.meshwatch.worker.runtime;

import io.meshwatch.workflows.activities.SourceActivities;
import io.meshwatch.workflows.activities.SourceReport;
import io.meshwatch.workflows.activities.SourceReportOutput;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.source.SourceOutageInput;
import io.meshwatch.workflows.source.SourceOutageWorkflow;
import io.meshwatch.workflows.source.SourceProduct;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;

/**
 * Feeds monitors' outage reports to the connection's {@link SourceOutageWorkflow}: a down report
 * signals-with-start it (the first report of an outage starts it, later ones join it), an up report
 * signals the running one (none running: nothing is down, nothing to do).
 */
public final class SourceOutageReporter implements SourceActivities {

  private final WorkflowClient client;
  private final String taskQueue;
  private final EscalationLadder ladder;

  public SourceOutageReporter(WorkflowClient client, String taskQueue, EscalationLadder ladder) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.ladder = ladder;
  }

  @Override
  public SourceReportOutput report(SourceReport report) {
    String id = SourceOutageWorkflow.idFor(report.connection());
    SourceProduct product = new SourceProduct(report.product());
    if (!report.down()) {
      try {
        client.newWorkflowStub(SourceOutageWorkflow.class, id).productUp(product);
        return new SourceReportOutput(id);
      } catch (WorkflowNotFoundException e) {
        return new SourceReportOutput(null);
      }
    }
    SourceOutageWorkflow outage = client.newWorkflowStub(SourceOutageWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(taskQueue)
        // Each outage of a connection is a new run under the same id.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build());
    var request = client.newSignalWithStartRequest();
    request.add(outage::run, new SourceOutageInput(report.connection(), ladder, null, null));
    request.add(outage::productDown, product);
    try {
      client.signalWithStart(request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Another monitor's report started it at the same moment: join the running one.
      client.newWorkflowStub(SourceOutageWorkflow.class, id).productDown(product);
    }
    return new SourceReportOutput(id);
  }
}
