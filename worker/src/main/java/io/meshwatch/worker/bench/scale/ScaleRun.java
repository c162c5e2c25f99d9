package io.meshwatch.worker.bench.scale;

import io.meshwatch.worker.embedded.EmbeddedStore;
import io.meshwatch.worker.embedded.EmbeddedTemporalServer;
import io.meshwatch.worker.embedded.FreePort;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One run of one worker setting: a fresh embedded PostgreSQL and port-bound Temporal test server in
 * this process, the worker in its own JVM, every product registered through the API, then a steady
 * window in which rates are measured and the deadline products' deadlines pass.
 */
final class ScaleRun {

  static final String NAMESPACE = "default";
  private static final int SAMPLED_MONITORS = 20;
  /** Registrations in flight at once: about what a deployment pipeline applying many specs does. */
  private static final int REGISTRATIONS_IN_FLIGHT = 16;
  private static final Duration CYCLE_CHECK_EVERY = Duration.ofSeconds(10);
  private static final String WORKFLOW_TASKS = "temporal_workflow_task_execution_latency_seconds_count";

  private final ScaleOptions options;
  private final ScaleVariant variant;
  private final PrintStream progress;
  private final Clock clock = Clock.systemUTC();

  ScaleRun(ScaleOptions options, ScaleVariant variant, PrintStream progress) {
    this.options = options;
    this.variant = variant;
    this.progress = progress;
  }

  ScaleFigures run(Path workDir) throws Exception {
    Files.createDirectories(workDir);
    int temporalPort = FreePort.pick(0);
    try (EmbeddedStore store = EmbeddedStore.start(workDir.resolve("postgres"));
        TestServer.PortBoundTestServer temporal = EmbeddedTemporalServer.start(temporalPort);
        AlertReceiver alerts = AlertReceiver.start(clock)) {
      Path config = ScaleConfig.write(workDir, options, variant, temporalPort, store, alerts.url());
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
      awaitServing(service);
      try (WorkerProcess worker = WorkerProcess.start(config, workDir, options)) {
        return measure(worker, service, new StoreReadings(store.jdbcUrl(), store.user()), alerts);
      } finally {
        service.shutdownNow();
      }
    }
  }

  private ScaleFigures measure(WorkerProcess worker, WorkflowServiceStubs service, StoreReadings store, AlertReceiver alerts)
      throws Exception {
    Thread.sleep(3_000);
    double baselineHeap = worker.heapAfterGc();
    say("worker up, heap after GC %.1f MiB with no product; registering %d products", baselineHeap / (1 << 20), options.steady());

    Instant registering = clock.instant();
    register(worker, options.steady(), ScaleSpecs::steady);
    double registrationsPerSecond = options.steady() / seconds(Duration.between(registering, clock.instant()));
    say("registered %d products (%.0f/s); waiting for each to finish its first cycle", options.steady(), registrationsPerSecond);
    awaitCycles(worker, options.steady());

    // The deadlines spread over the window after a lead in which the deadline products run their first cycle.
    Instant windowStart = clock.instant();
    Instant firstDeadline = windowStart.plus(options.deadlineLead());
    Duration spread = options.window().minus(options.deadlineLead()).minus(options.deadlineLead());
    List<Instant> deadlines = new ArrayList<>();
    for (int i = 0; i < options.deadlines(); i++) {
      deadlines.add(firstDeadline.plusMillis(spread.toMillis() * i / options.deadlines()));
    }
    MetricsText before = worker.metrics();
    Duration cpuBefore = worker.cpu();
    List<String> sampled = sampledWorkflows();
    HistorySample historyBefore = HistorySample.take(service, NAMESPACE, sampled);
    register(worker, options.deadlines(), i -> ScaleSpecs.lateFrom(i, deadlines.get(i)));
    say("registered %d deadline products; measuring for %ds", options.deadlines(), options.window().toSeconds());

    Instant windowEnd = windowStart.plus(options.window());
    Thread.sleep(Math.max(0, Duration.between(clock.instant(), windowEnd).toMillis()));
    MetricsText after = worker.metrics();
    Duration cpuAfter = worker.cpu();
    Instant measuredEnd = clock.instant();
    HistorySample historyAfter = HistorySample.take(service, NAMESPACE, sampled);

    double heap = worker.heapAfterGc();
    double threads = worker.metrics().sum("jvm_threads_live_threads");
    double windowSeconds = seconds(Duration.between(windowStart, measuredEnd));
    double eventsPerCycle = HistorySample.eventsPerCycle(service, NAMESPACE, sampled);
    double evaluations = after.sum("meshwatch_evaluations_total") - before.sum("meshwatch_evaluations_total");

    Map<String, Instant> received = alerts.firstAlerts();
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < options.deadlines(); i++) {
      Instant at = received.get(ScaleSpecs.DOMAIN + "/" + ScaleSpecs.deadlineName(i));
      if (at != null) {
        latencies.add(Duration.between(deadlines.get(i), at).toMillis());
      }
    }
    return new ScaleFigures(variant.name(), options.products(), registrationsPerSecond, baselineHeap, heap, threads,
        seconds(cpuAfter.minus(cpuBefore)), windowSeconds, evaluations,
        after.sum("meshwatch_cycles_total") - before.sum("meshwatch_cycles_total"),
        after.sum(WORKFLOW_TASKS) - before.sum(WORKFLOW_TASKS),
        eventsPerCycle, historyAfter.longest(), historyAfter.continuedSince(historyBefore), sampled.size(),
        latencies, options.deadlines() - latencies.size(),
        store.busiestSecond(windowStart, measuredEnd), evaluations / windowSeconds);
  }

  /**
   * Waits until the test server answers: the worker gives up on its first call after a few seconds,
   * which a loaded machine can take before a fresh server serves.
   */
  private static void awaitServing(WorkflowServiceStubs service) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        service.blockingStub().withDeadlineAfter(30, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (StatusRuntimeException e) {
        if (attempt == 5) {
          throw new IllegalStateException("the Temporal test server does not answer: " + e.getStatus(), e);
        }
        Thread.sleep(1_000);
      }
    }
  }

  /** Registers {@code count} specs through the API, a bounded number in flight. */
  private void register(WorkerProcess worker, int count, IntFunction<String> spec) throws Exception {
    Semaphore inFlight = new Semaphore(REGISTRATIONS_IN_FLIGHT);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        inFlight.acquire();
        String yaml = spec.apply(i);
        done.add(executor.submit(() -> {
          try {
            worker.apply(yaml);
            return null;
          } finally {
            inFlight.release();
          }
        }));
        if ((i + 1) % 1000 == 0) {
          say("  %d/%d registered", i + 1, count);
        }
      }
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  /**
   * Waits until the monitors have recorded {@code count} cycles: each of them one, on a worker keeping
   * up. Looks every few seconds: a scrape with thousands of products is itself work for the worker.
   */
  private void awaitCycles(WorkerProcess worker, int count) throws Exception {
    Instant giveUp = clock.instant().plus(options.pollInterval().multipliedBy(3)).plusSeconds(120);
    while (worker.metrics().sum("meshwatch_cycles_total") < count) {
      if (clock.instant().isAfter(giveUp)) {
        throw new IllegalStateException("the monitors did not each finish a first cycle in time; the worker's log: " + worker.log());
      }
      Thread.sleep(CYCLE_CHECK_EVERY.toMillis());
    }
  }

  /** Steady monitors spread over the registration order. */
  private List<String> sampledWorkflows() {
    List<String> ids = new ArrayList<>();
    int step = Math.max(1, options.steady() / SAMPLED_MONITORS);
    for (int i = 0; i < options.steady() && ids.size() < SAMPLED_MONITORS; i += step) {
      ids.add("product/" + ScaleSpecs.DOMAIN + "/" + ScaleSpecs.steadyName(i));
    }
    return ids;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private void say(String format, Object... args) {
    progress.println("[" + variant.name() + "] " + String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
