package io.meshwatch.workflows.monitor;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;

/** Reads a running workflow's current execution and result by id (the latest run). */
final class WorkflowStubs {

  private WorkflowStubs() {}

  static WorkflowExecution execution(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).describe().getExecution();
  }

  static MonitorResult result(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(MonitorResult.class);
  }
}
