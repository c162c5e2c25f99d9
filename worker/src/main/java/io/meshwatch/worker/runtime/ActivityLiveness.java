package io.meshwatch.worker.runtime;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes a dead worker's activities retried within {@link #HEARTBEAT_TIMEOUT}, not after their
 * start-to-close timeout. A worker killed in the middle of a scan or a Slack post never reports
 * the attempt; without heartbeats Temporal waits out the whole start-to-close timeout (ten minutes
 * for an evaluation or a delivery) before another worker may try again. Every activity of this
 * worker heartbeats on a timer while it runs — the heartbeat says the process is alive, not that
 * the work progresses, so a long but healthy scan or digest wait keeps running — and every
 * activity type the workflows call is given the heartbeat timeout.
 *
 * <p>The timeout is set here, at registration, through the workflows' per-activity-type options,
 * which Temporal merges into the options each workflow's stub declares (the workflows set no
 * heartbeat timeout of their own).
 */
final class ActivityLiveness extends WorkerInterceptorBase implements AutoCloseable {

  /** Silence this long from a running activity means its worker is gone: Temporal retries it. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);
  /** Well within the timeout, so a loaded machine's pauses do not look like a dead worker. */
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(4);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "meshwatch-activity-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  /** The workflows' options: {@link #HEARTBEAT_TIMEOUT} for every activity type of these interfaces. */
  static WorkflowImplementationOptions workflowOptions(Class<?>... activityInterfaces) {
    ActivityOptions heartbeat = ActivityOptions.newBuilder().setHeartbeatTimeout(HEARTBEAT_TIMEOUT).build();
    Map<String, ActivityOptions> byType = new LinkedHashMap<>();
    for (Class<?> activityInterface : activityInterfaces) {
      for (POJOActivityMethodMetadata method : POJOActivityInterfaceMetadata.newInstance(activityInterface).getMethodsMetadata()) {
        byType.put(method.getActivityTypeName(), heartbeat);
      }
    }
    return WorkflowImplementationOptions.newBuilder().setActivityOptions(byType).build();
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityExecutionContext running = context;
        // The first beat one period in: Temporal counts the heartbeat timeout from the attempt's
        // start, and most activities (a probe, a store write) end well before it, so they cost no
        // heartbeat call at all — one per activity was about a sixth of the worker's calls to Temporal.
        ScheduledFuture<?> beat = timer.scheduleAtFixedRate(() -> heartbeat(running), HEARTBEAT_EVERY.toMillis(),
            HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
          return super.execute(input);
        } finally {
          beat.cancel(false);
        }
      }
    };
  }

  private static void heartbeat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (ActivityCompletionException e) {
      // Cancelled, timed out or the workflow is gone: the attempt's own code finds out on its next call.
    } catch (RuntimeException e) {
      // A heartbeat that could not be sent is retried on the next tick; a lasting failure is the timeout's to judge.
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
