package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.store.IncidentFixtures;
import io.meshwatch.activities.store.StoreDatabase;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.runtime.ProductDirectory;
import io.meshwatch.worker.runtime.ProductRegistrar;
import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.workflows.monitor.MonitorSettings;
import java.net.URI;
import java.time.Clock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real parts for API tests: Temporal's test environment with {@link RecordingIncidentWorkflow} and
 * {@link RecordingMonitorWorkflow} on a task queue, the store on embedded PostgreSQL, the real
 * registrar, and the worker's HTTP server on a free port.
 */
public final class IncidentApiFixture implements AutoCloseable {

  public static final String TASK_QUEUE = "incident-api-test";
  /** Every incident a test starts opens at a new time, so workflow ids never repeat across tests. */
  private static final AtomicLong OPENINGS = new AtomicLong(Instant.parse("2026-03-02T06:15:00Z").toEpochMilli());

  public final TestWorkflowEnvironment temporal;
  public final WorkflowClient client;
  public final StoreDatabase store;
  public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public IncidentApiFixture(StoreDatabase store) {
    this.store = store;
    this.temporal = TestWorkflowEnvironment.newInstance();
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RecordingIncidentWorkflow.class, RecordingMonitorWorkflow.class);
    temporal.start();
    this.client = temporal.getWorkflowClient();
  }

  /** The HTTP server with these endpoints and no API tokens (reads open, changes from loopback); close it after the test. */
  public HttpApi serve(RouteGroup... groups) {
    return serve(new CommandAuth(ApiTokens.none()), groups);
  }

  /** The HTTP server with these endpoints, its reads guarded by {@code auth}; close it after the test. */
  public HttpApi serve(CommandAuth auth, RouteGroup... groups) {
    return HttpApi.start(0, auth, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)::scrape, groups);
  }

  /** The product endpoints over the real registrar (monitors are {@link RecordingMonitorWorkflow}s), guarded by {@code auth}. */
  public ProductApi products(CommandAuth auth, Governance governance) {
    ProductRegistrar registrar = new ProductRegistrar(store.registry(), store.incidents(), client, TASK_QUEUE, MonitorSettings.defaults(),
        Clock.systemUTC(), governance);
    return new ProductApi(registrar, new ProductDirectory(store.registry(), client), store.registry(), store.results(),
        Specs.loader(), new ProductMonitors(client), auth, Clock.systemUTC());
  }

  public IncidentActions actions() {
    return new IncidentActions(store.incidents(), new TemporalIncidentCommands(client));
  }

  /** A fresh opening time, so the incident's id is new. */
  public static Instant nextOpening() {
    return Instant.ofEpochMilli(OPENINGS.addAndGet(60_000));
  }

  /** Starts an incident workflow (the recording stand-in) for the product; returns its id. */
  public String startIncident(ProductId product, Instant opened) {
    String id = IncidentInput.idFor(product, opened);
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(incident::run, new IncidentInput(id, IncidentFixtures.product(product), opened, ProductState.FAILING,
        IncidentFixtures.failing(opened), EscalationLadder.defaults(), null));
    return id;
  }

  /** Signals the incident's workflow history holds: exact, whether or not the workflow ran since. */
  public long signalCount(String incidentId) {
    return client.fetchHistory(incidentId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .count();
  }

  /** The signals the workflow has handled, once it has handled {@code count} of them. */
  public List<Object> awaitSignals(String incidentId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (RecordingIncidentWorkflow.signals(incidentId).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<Object> signals = RecordingIncidentWorkflow.signals(incidentId);
    assertThat(signals).as("signals handled by " + incidentId).hasSize(count);
    return signals;
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static URI uri(HttpApi server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Override
  public void close() {
    temporal.close();
  }
}
