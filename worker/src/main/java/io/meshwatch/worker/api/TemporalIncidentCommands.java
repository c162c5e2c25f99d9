package io.meshwatch.worker.api;

import io.meshwatch.workflows.incident.AcknowledgeRequest;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.SnoozeRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Objects;

/** Sends incident commands as signals to the incident workflow whose id is the incident's id. */
public final class TemporalIncidentCommands implements IncidentCommands {

  private final WorkflowClient client;

  public TemporalIncidentCommands(WorkflowClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public SendResult send(String incidentId, IncidentCommand command) {
    // No run id: the signal goes to the current run, which follows continue-as-new.
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, incidentId);
    try {
      switch (command) {
        case IncidentCommand.Acknowledge a -> incident.acknowledge(new AcknowledgeRequest(a.by()));
        case IncidentCommand.Snooze s -> incident.snooze(new SnoozeRequest(s.by(), s.duration()));
        case IncidentCommand.Resolve r -> incident.resolve(new ResolveRequest(r.by(), r.reason(), r.note()));
      }
      return new SendResult.Sent();
    } catch (WorkflowNotFoundException e) {
      return new SendResult.NotRunning("no incident workflow runs under " + incidentId + " (it ended, or never started)");
    } catch (WorkflowException e) {
      return new SendResult.Unavailable("Temporal did not take the signal: " + e.getClass().getSimpleName());
    }
  }
}
