package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.IncidentHistory;
import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.activities.store.StoredIncident;
import io.meshwatch.activities.store.StoredTransition;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.Audience;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentProgress;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.monitor.IncidentTracking;
import io.meshwatch.workflows.monitor.MonitorSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a product's open incident back after a restart that lost its workflow — the embedded
 * Temporal server keeps workflows in memory — from what PostgreSQL holds: its state, who
 * acknowledged it, the audiences already reached, the main message and the number of transitions.
 * The incident goes on where it stood (no second opening message: its delivery keys continue from
 * the stored count), and the monitor starts knowing it, so it does not open a second incident for
 * the same breach. On a Temporal cluster the workflow survived and is left alone.
 */
final class IncidentRestorer {

  private static final Logger log = LoggerFactory.getLogger(IncidentRestorer.class);

  private final IncidentStore store;
  private final WorkflowClient client;
  private final String taskQueue;

  IncidentRestorer(IncidentStore store, WorkflowClient client, String taskQueue) {
    this.store = store;
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** The product's open incident, running again, as the monitor should track it; empty when it has none. */
  Optional<IncidentTracking> restore(ProductSpec spec, MonitorSettings settings) {
    Optional<IncidentHistory> open = store.findOpen(spec.id()).flatMap(incident -> store.find(incident.id()));
    if (open.isEmpty()) {
      return Optional.empty();
    }
    StoredIncident incident = open.get().incident();
    List<StoredTransition> transitions = open.get().transitions();
    IncidentProgress progress = new IncidentProgress(incident.state(), incident.productState(), incident.failing(),
        incident.acknowledgedAt(), incident.acknowledgedBy(), incident.snoozedUntil(), reached(transitions),
        incident.message(), lastThreadMessage(transitions), false, incident.lastSequence());
    IncidentInput input = new IncidentInput(incident.id(), IncidentProduct.of(spec), incident.openedAt(),
        incident.productState(), incident.failing(), settings.ladder().with(spec.escalation()), progress);
    IncidentWorkflow workflow = client.newWorkflowStub(IncidentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(incident.id())
        .setTaskQueue(taskQueue)
        .build());
    try {
      WorkflowClient.start(workflow::run, input);
      log.info("incident {} restored from the store ({})", incident.id(), incident.state());
    } catch (WorkflowExecutionAlreadyStarted running) {
      // A Temporal cluster kept it through the restart.
    }
    return Optional.of(new IncidentTracking(incident.id(), FailingCheck.breachSince(incident.failing(), incident.openedAt()), incident.failing(), List.of(), null));
  }

  /** Who the stored transitions show was reached: the owner at opening, then each escalation. */
  private static Set<Audience> reached(List<StoredTransition> transitions) {
    Set<Audience> reached = EnumSet.noneOf(Audience.class);
    for (StoredTransition transition : transitions) {
      switch (transition.kind()) {
        // The opening reached the owner and, when the product has any, the consumers' channels.
        case OPENED -> {
          reached.add(Audience.OWNER);
          reached.add(Audience.CONSUMERS);
        }
        case ESCALATED_TO_STEWARD -> reached.add(Audience.STEWARD);
        case ESCALATED_TO_PLATFORM -> reached.add(Audience.PLATFORM);
        case UPDATED, REMINDED, ACKNOWLEDGED, SNOOZED, UNSNOOZED, INHIBITED, UNINHIBITED, RESOLVED -> {}
      }
    }
    return reached;
  }

  /** The last message in the owner's thread, where the reminder clock starts. */
  private static Instant lastThreadMessage(List<StoredTransition> transitions) {
    Instant last = null;
    for (StoredTransition transition : transitions) {
      if (transition.kind() != TransitionKind.ESCALATED_TO_STEWARD && transition.kind() != TransitionKind.ESCALATED_TO_PLATFORM
          && (last == null || transition.at().isAfter(last))) {
        last = transition.at();
      }
    }
    return last;
  }
}
