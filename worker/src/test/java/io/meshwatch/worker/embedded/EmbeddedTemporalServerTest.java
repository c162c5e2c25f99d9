package io.meshwatch.worker.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalServerTest {

  static final String QUEUE = "lock-events";
  static final int WORKFLOWS = 20;

  @WorkflowInterface
  public interface Steps {
    @WorkflowMethod
    int run(int rounds);
  }

  @ActivityInterface
  public interface Step {
    int step(int round);
  }

  public static class StepsImpl implements Steps {
    private final Step step = Workflow.newActivityStub(Step.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public int run(int rounds) {
      int done = 0;
      for (int round = 0; round < rounds; round++) {
        done += step.step(round);
        Workflow.sleep(Duration.ofMillis(20));
      }
      return done;
    }
  }

  @Test
  void the_plain_test_server_keeps_two_lock_events_for_every_task_it_ever_ran() throws Exception {
    // The defect the embedded server works around: if this starts failing, the SDK fixed it and
    // EmbeddedTemporalServer can go back to TestServer.createPortBoundServer.
    int events = runWork(TestServer::createPortBoundServer);
    assertThat(events).as("lock events left after %d workflows", WORKFLOWS).isGreaterThan(WORKFLOWS * 5 * 2);
  }

  @Test
  void the_embedded_server_runs_timers_and_activities_and_keeps_no_lock_events() throws Exception {
    int events = runWork(EmbeddedTemporalServer::start);
    assertThat(events).isZero();
  }

  /** Runs {@value #WORKFLOWS} workflows of five activities and five timers each; returns the lock events left. */
  private static int runWork(IntFunction<TestServer.PortBoundTestServer> start) throws Exception {
    int port = FreePort.pick(0);
    try (TestServer.PortBoundTestServer server = start.apply(port)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
      try {
        Worker worker = factory.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(StepsImpl.class);
        worker.registerActivitiesImplementations((Step) round -> 1);
        factory.start();
        WorkflowClient client = factory.getWorkflowClient();
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < WORKFLOWS; i++) {
          Steps steps = client.newWorkflowStub(Steps.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("steps-" + i).build());
          runs.add(WorkflowClient.execute(steps::run, 5));
        }
        for (CompletableFuture<Integer> run : runs) {
          assertThat(run.get()).isEqualTo(5);
        }
        return EmbeddedTemporalServer.lockEvents(server);
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }
}
