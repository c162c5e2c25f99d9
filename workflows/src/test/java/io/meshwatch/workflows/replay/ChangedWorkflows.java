package io.meshwatch.workflows.replay;

import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentResult;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.monitor.MonitorInput;
import io.meshwatch.workflows.monitor.MonitorResult;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Changed versions of the production workflows, as a developer might write them, used to show what
 * the replay tests catch and how {@code Workflow.getVersion} makes the same change safe. Test code
 * only: production behaviour is untouched.
 */
public final class ChangedWorkflows {

  private ChangedWorkflows() {}

  /** The change id of the worked example in docs/upgrading-workflows.md. */
  static final String GRACE_PERIOD_CHANGE = "incident-grace-period";
  /** How long the changed incident waits before paging anyone, so a check that flaps back can clear first. */
  static final Duration GRACE = Duration.ofMinutes(2);

  /**
   * Unsafe: waits a grace period before the opening is recorded and delivered. A new timer command
   * where running incidents' histories have the opening's activity.
   */
  public static class IncidentWithGracePeriod extends IncidentWorkflowImpl implements IncidentWorkflow {
    @Override
    public IncidentResult run(IncidentInput input) {
      Workflow.sleep(GRACE);
      return super.run(input);
    }
  }

  /**
   * The same change, safe: the grace period applies only to incidents whose first workflow task runs
   * this code. A running incident replays to {@code DEFAULT_VERSION} (no marker in its history) and
   * goes on as it started; a new one records the marker with version 1 and waits.
   */
  public static class IncidentWithVersionedGracePeriod extends IncidentWorkflowImpl implements IncidentWorkflow {
    @Override
    public IncidentResult run(IncidentInput input) {
      int version = Workflow.getVersion(GRACE_PERIOD_CHANGE, Workflow.DEFAULT_VERSION, 1);
      if (version >= 1) {
        Workflow.sleep(GRACE);
      }
      return super.run(input);
    }
  }

  /** Unsafe: the monitor warms up with an extra probe activity before its first cycle. */
  public static class MonitorWithWarmUpProbe extends ProductMonitorWorkflowImpl implements ProductMonitorWorkflow {
    @Override
    public MonitorResult monitor(MonitorInput input) {
      WarehouseActivities warmUp = Workflow.newActivityStub(WarehouseActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      warmUp.probe(new ProbeInput(input.spec(), Instant.ofEpochMilli(Workflow.currentTimeMillis()), null));
      return super.monitor(input);
    }
  }
}
