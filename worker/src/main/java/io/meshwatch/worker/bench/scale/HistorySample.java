package io.meshwatch.worker.bench.scale;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current run and history length of a few monitors at one moment, read from Temporal. */
record HistorySample(Map<String, WorkflowExecutionInfo> byWorkflowId) {

  /** The activity every monitor cycle schedules once: the metadata probe. */
  private static final String PROBE = "Probe";

  HistorySample {
    byWorkflowId = Map.copyOf(byWorkflowId);
  }

  static HistorySample take(WorkflowServiceStubs service, String namespace, List<String> workflowIds) {
    Map<String, WorkflowExecutionInfo> infos = new LinkedHashMap<>();
    for (String id : workflowIds) {
      infos.put(id, service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
          .setNamespace(namespace)
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
          .build()).getWorkflowExecutionInfo());
    }
    return new HistorySample(infos);
  }

  /** Monitors whose run changed since {@code earlier}: they continued as new. */
  int continuedSince(HistorySample earlier) {
    return (int) byWorkflowId.entrySet().stream()
        .filter(e -> !e.getValue().getExecution().getRunId().equals(earlier.byWorkflowId.get(e.getKey()).getExecution().getRunId()))
        .count();
  }

  /**
   * History events per monitor cycle over the current runs of these monitors: each run's events
   * divided by its cycles (one probe each), so continue-as-new does not disturb it.
   */
  static double eventsPerCycle(WorkflowServiceStubs service, String namespace, List<String> workflowIds) {
    long events = 0;
    long cycles = 0;
    for (String id : workflowIds) {
      GetWorkflowExecutionHistoryRequest.Builder request = GetWorkflowExecutionHistoryRequest.newBuilder()
          .setNamespace(namespace)
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id));
      do {
        GetWorkflowExecutionHistoryResponse page = service.blockingStub().getWorkflowExecutionHistory(request.build());
        for (HistoryEvent event : page.getHistory().getEventsList()) {
          events++;
          if (event.hasActivityTaskScheduledEventAttributes()
              && event.getActivityTaskScheduledEventAttributes().getActivityType().getName().equalsIgnoreCase(PROBE)) {
            cycles++;
          }
        }
        request.setNextPageToken(page.getNextPageToken());
      } while (!request.getNextPageToken().isEmpty());
    }
    return cycles == 0 ? Double.NaN : (double) events / cycles;
  }

  long longest() {
    return byWorkflowId.values().stream().mapToLong(WorkflowExecutionInfo::getHistoryLength).max().orElse(0);
  }
}
