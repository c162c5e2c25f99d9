package io.meshwatch.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.meshwatch.workflows.replay.ChangedWorkflows.IncidentWithGracePeriod;
import io.meshwatch.workflows.replay.ChangedWorkflows.IncidentWithVersionedGracePeriod;
import io.meshwatch.workflows.replay.ChangedWorkflows.MonitorWithWarmUpProbe;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The safety net is known to catch: a recorded history replayed against a changed implementation
 * fails with Temporal's non-determinism error, and the same change guarded by
 * {@code Workflow.getVersion} replays cleanly (the worked example of docs/upgrading-workflows.md).
 */
class ReplayCatchesChangesTest {

  static final String INCIDENT_FIXTURE = "histories/incident/escalate-acknowledge-resolve.json";
  static final String MONITOR_FIXTURE = "histories/product-monitor/breach-and-recovery.json";

  static WorkflowExecutionHistory fixture(String resource) {
    try (InputStream in = ReplayCatchesChangesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replays and returns the failure, asserting it is Temporal's non-determinism error. The replayer
   * reports it as a failed replay query whose message carries the {@link NonDeterministicException}
   * and its error code TMPRL1100, not as a cause, so the message is what is checked.
   */
  static String nonDeterminism(WorkflowExecutionHistory history, Class<?> implementation) {
    Throwable thrown = catchThrowable(() -> WorkflowReplayer.replayWorkflowExecution(history, implementation));
    assertThat(thrown).as("replaying against %s fails", implementation.getSimpleName()).isNotNull();
    String message = thrown.getMessage();
    assertThat(message).contains(NonDeterministicException.class.getName()).contains("TMPRL1100");
    return message;
  }

  @Test
  void anExtraTimerInTheIncidentFailsTheReplay() {
    String error = nonDeterminism(fixture(INCIDENT_FIXTURE), IncidentWithGracePeriod.class);
    // The new timer meets the recorded opening's activity, and the error names both.
    assertThat(error).contains("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED").contains("COMMAND_TYPE_START_TIMER");
  }

  @Test
  void anExtraActivityInTheMonitorFailsTheReplay() {
    String error = nonDeterminism(fixture(MONITOR_FIXTURE), MonitorWithWarmUpProbe.class);
    // Every later activity shifts by one: the recorded evaluation meets the replayed cycle's probe.
    assertThat(error).contains("activityType").contains("Probe").contains("Evaluate");
  }

  @Test
  void theSameChangeGuardedByGetVersionReplaysTheOldHistory() {
    assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(fixture(INCIDENT_FIXTURE), IncidentWithVersionedGracePeriod.class))
        .doesNotThrowAnyException();
  }

  /**
   * The guard is not a no-op: an incident started on the new code records the version marker and
   * waits the grace period before its first activity, and that history replays against the new code
   * (a later change is checked against it once it is recorded as a fixture).
   */
  @Test
  void aNewIncidentOnTheGuardedCodeTakesTheNewBranch() throws Exception {
    WorkflowExecutionHistory history = HistoryScenarios.newIncidentOn(IncidentWithVersionedGracePeriod.class);
    List<EventType> commands = history.getEvents().stream().map(HistoryEvent::getEventType)
        .filter(t -> t == EventType.EVENT_TYPE_MARKER_RECORDED || t == EventType.EVENT_TYPE_TIMER_STARTED
            || t == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .limit(3).toList();
    assertThat(commands).containsExactly(
        EventType.EVENT_TYPE_MARKER_RECORDED, EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    WorkflowReplayer.replayWorkflowExecution(history, IncidentWithVersionedGracePeriod.class);
  }
}
