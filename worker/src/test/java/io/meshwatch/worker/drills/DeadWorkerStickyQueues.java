package io.meshwatch.worker.drills;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for what Temporal's server does about a dead worker's sticky task queue and its test
 * server does not. A worker keeps the workflows it ran cached and asks for their next tasks on its
 * own sticky queue; when the worker dies, Temporal moves a task nobody took from that queue to the
 * normal one after the sticky schedule-to-start timeout (5 s). The port-bound test server never
 * does, so after a kill every workflow the dead worker last ran would wait forever. This drains the
 * dead worker's sticky queues the way a worker that died holding the task would: it takes each
 * task and never answers, so the task's start-to-close timeout (10 s) passes and the test server
 * reschedules it on the normal queue, where the new worker picks it up.
 *
 * <p>Sticky queues are named by each worker ({@code <identity>:<random>}) and appear nowhere in a
 * workflow's history, so their names are read from the in-process test server's task queues; the
 * sticky ones that exist between a kill and the next worker's start are the dead workers'.
 */
final class DeadWorkerStickyQueues implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final ExecutorService pollers = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "drill-dead-sticky-queue");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<String> draining = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  DeadWorkerStickyQueues(int temporalPort) {
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
  }

  /**
   * Drains every sticky workflow task queue {@code server} knows besides {@code normalQueue}; call
   * it after a kill, before the next worker starts.
   */
  void drain(TestServer.PortBoundTestServer server, String normalQueue) throws ReflectiveOperationException {
    Object services = field(server, "testServicesStarter");
    Object store = field(services, "workflowStore");
    Map<?, ?> queues = (Map<?, ?>) field(store, "workflowTaskQueues");
    List<Object> ids;
    synchronized (queues) {
      ids = List.copyOf(queues.keySet());
    }
    for (Object id : ids) {
      String name = (String) id.getClass().getMethod("getTaskQueueName").invoke(id);
      if (!name.equals(normalQueue) && draining.add(name)) {
        TaskQueue queue = TaskQueue.newBuilder().setName(name).setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY)
            .setNormalName(normalQueue).build();
        pollers.submit(() -> takeAndDrop(queue));
      }
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  private void takeAndDrop(TaskQueue queue) {
    while (!closed) {
      try {
        stubs.blockingStub().withDeadlineAfter(30, TimeUnit.SECONDS).pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder()
            .setNamespace("default").setTaskQueue(queue).setIdentity("killed-worker").build());
      } catch (StatusRuntimeException e) {
        if (closed || e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    pollers.shutdownNow();
    stubs.shutdownNow();
  }
}
