package io.meshwatch.worker.runtime;

import io.meshwatch.activities.freshness.FreshnessAssessor;
import io.meshwatch.activities.store.RegisteredProduct;
import io.meshwatch.activities.store.StoreActivitiesImpl;
import io.meshwatch.activities.store.StoreDatabase;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.activities.IncidentActivities;
import io.meshwatch.workflows.activities.SourceActivities;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.incident.IncidentStatus;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.monitor.MonitorSettings;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflowImpl;
import io.meshwatch.workflows.monitor.ProductStatus;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.meshwatch.worker.api.ApiTokens;
import io.meshwatch.worker.api.CommandAuth;
import io.meshwatch.worker.api.HttpApi;
import io.meshwatch.worker.api.IncidentRoutes;
import io.meshwatch.worker.api.ProductApi;
import io.meshwatch.worker.api.ProductMonitors;
import io.meshwatch.worker.api.RouteGroup;
import io.meshwatch.worker.api.ScoreApi;
import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.embedded.EmbeddedStore;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.spec.SpecLoader;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store (embedded PostgreSQL or a server), the warehouse
 * connections, Temporal (embedded test server or a cluster), starts the Temporal worker with the
 * workflow and activity implementations, reconciles every active product's monitor, and serves the
 * HTTP API. Closing it stops everything in reverse order.
 */
public final class MeshwatchRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MeshwatchRuntime.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private StoreDatabase store;
  private io.meshwatch.activities.store.ResultStore results;
  private TemporalConnection temporal;
  private ProductRegistrar registrar;
  private ProductDirectory directory;
  private HttpApi http;
  private PrometheusMeterRegistry metrics;
  /** Delivers incident messages. For now the console stand-in; the alerts module's delivery replaces it. */
  private IncidentActivities incidentActivities;
  /** Feeds monitors' outage reports to the connections' outage workflows. */
  private SourceActivities sourceActivities;
  private final SpecLoader specLoader;

  private MeshwatchRuntime(SpecLoader specLoader) {
    this.specLoader = specLoader;
  }

  /**
   * Starts everything. {@code workDirectory} holds embedded data (relative {@code store.data_dir}
   * resolves against it); {@code alertsOut} receives console alerts.
   */
  public static MeshwatchRuntime start(WorkerConfig config, ConfigLoader secrets, Path workDirectory, PrintStream alertsOut)
      throws IOException, ConfigException {
    return start(config, secrets, workDirectory, alertsOut, List.of());
  }

  /**
   * Starts everything with {@code prebuilt} warehouse connections beside the configured ones: the
   * scale benchmark's fixed-latency warehouse, which no config can name.
   */
  public static MeshwatchRuntime start(WorkerConfig config, ConfigLoader secrets, Path workDirectory, PrintStream alertsOut,
      List<WarehouseConnections.Registered> prebuilt) throws IOException, ConfigException {
    MeshwatchRuntime runtime = new MeshwatchRuntime(Specs.loader());
    try {
      runtime.open(config, secrets, workDirectory, alertsOut, prebuilt);
      return runtime;
    } catch (IOException | ConfigException | RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void open(WorkerConfig config, ConfigLoader secrets, Path workDirectory, PrintStream alertsOut,
      List<WarehouseConnections.Registered> prebuilt) throws IOException, ConfigException {
    Clock clock = Clock.systemUTC();
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);

    if (config.store().embedded()) {
      EmbeddedStore embedded = EmbeddedStore.start(workDirectory.resolve(config.store().dataDir()));
      resources.add(embedded);
      store = StoreDatabase.connect(embedded.jdbcUrl(), embedded.user(), null);
    } else {
      store = StoreDatabase.connect(config.store().url(), config.store().user(),
          secrets.secret(config.store().passwordEnv(), config.store().passwordFile()));
    }
    resources.add(store);

    WarehouseActivities warehouseActivities = WarehouseWiring.activities(config.warehouses(), secrets, new FreshnessAssessor(),
        config.monitor().pollInterval(), prebuilt);

    temporal = TemporalConnection.open(config.temporal(), metrics);
    resources.add(temporal);

    // The configured ladder is every product's default; a product's spec.escalation overrides it.
    MonitorSettings settings = MonitorSettings.defaults()
        .withPollInterval(config.monitor().pollInterval())
        .withHistoryEventsLimit(config.monitor().historyEventsLimit())
        .withLadder(config.escalation().ladder());
    MonitorMetrics monitorMetrics = new MonitorMetrics(metrics, clock);
    Map<ProductId, String> owners = new ConcurrentHashMap<>();
    // A cycle later than a few poll intervals means the monitor was not measuring: a gap in the timeline.
    Duration maxCycleGap = settings.pollInterval().multipliedBy(3).compareTo(Duration.ofHours(1)) > 0
        ? settings.pollInterval().multipliedBy(3) : Duration.ofHours(1);
    results = store.results(maxCycleGap);
    var storeActivities = new MeteredStoreActivities(new StoreActivitiesImpl(results, store.incidents()), monitorMetrics,
        id -> owners.computeIfAbsent(id, p -> store.registry().find(p).map(r -> r.spec().owner()).orElse("unknown")));
    IncidentWiring.Delivery delivery = IncidentWiring.delivery(config, secrets, store.outbox(), alertsOut, metrics);
    resources.addAll(delivery.closeables());
    incidentActivities = delivery.activities();
    sourceActivities = new SourceOutageReporter(temporal.client(), config.temporal().taskQueue(), settings.ladder());

    ActivityLiveness liveness = new ActivityLiveness();
    resources.add(liveness);
    WorkerTuning tuning = new WorkerTuning(config.temporal().worker());
    WorkerFactory factory = WorkerFactory.newInstance(temporal.client(),
        WorkerFactoryOptions.newBuilder(tuning.factoryOptions()).setWorkerInterceptors(liveness).build());
    resources.add(() -> {
      // Monitors are durable: an activity cut short here is retried by the next worker.
      factory.shutdown();
      factory.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      if (!factory.isTerminated()) {
        factory.shutdownNow();
      }
    });
    Worker worker = factory.newWorker(config.temporal().taskQueue(), tuning.workerOptions());
    worker.registerWorkflowImplementationTypes(ActivityLiveness.workflowOptions(WarehouseActivities.class,
            StoreActivities.class, IncidentActivities.class, SourceActivities.class),
        ProductMonitorWorkflowImpl.class, IncidentWorkflowImpl.class, SourceOutageWorkflowImpl.class);
    worker.registerActivitiesImplementations(warehouseActivities, storeActivities, incidentActivities, sourceActivities);
    factory.start();

    registrar = new ProductRegistrar(store.registry(), store.incidents(), temporal.client(), config.temporal().taskQueue(), settings, clock,
        new Governance(config.policiesInForce()));
    directory = new ProductDirectory(store.registry(), temporal.client());
    registrar.reconcile();

    CommandAuth auth = new CommandAuth(ApiTokens.resolve(config.http().apiTokens(), secrets));
    List<RouteGroup> routes = new ArrayList<>();
    routes.add(new ProductApi(registrar, directory, store.registry(), results, specLoader, new ProductMonitors(temporal.client()),
        auth, clock));
    routes.addAll(IncidentRoutes.fromConfig(config, secrets, store.incidents(), temporal.client(), clock, auth));
    routes.add(new ScoreApi(store.scores()));
    OpenIncidentGauges openIncidents = new OpenIncidentGauges(store.incidents(), metrics);
    // The open-incident gauge is read from the store just before each scrape, so it is right after a restart.
    http = HttpApi.start(config.http().port(), auth, () -> {
      openIncidents.refresh();
      return metrics.scrape();
    }, routes.toArray(RouteGroup[]::new));
    resources.add(http);
    log.info("meshwatch worker up: temporal {} (namespace {}), http port {}", temporal.target(), config.temporal().namespace(), http.port());
  }

  public ProductRegistrar registrar() {
    return registrar;
  }

  public ProductDirectory directory() {
    return directory;
  }

  public SpecLoader specLoader() {
    return specLoader;
  }

  public StoreDatabase store() {
    return store;
  }

  /** The worker's Temporal client, for tests in this package that read workflow histories. */
  io.temporal.client.WorkflowClient workflowClient() {
    return temporal.client();
  }

  public int httpPort() {
    return http.port();
  }

  /** An incident's live status, or empty when no incident of that id runs. */
  public Optional<IncidentStatus> incident(String incidentId) {
    try {
      return Optional.ofNullable(temporal.client().newWorkflowStub(IncidentWorkflow.class, incidentId).status());
    } catch (WorkflowException e) {
      return Optional.empty();
    }
  }

  /** Each active product's live status, keyed by product id. */
  public Map<String, ProductStatus> statuses() {
    Map<String, ProductStatus> out = new LinkedHashMap<>();
    for (RegisteredProduct product : directory.active()) {
      directory.status(product.id()).ifPresent(s -> out.put(product.id().toString(), s));
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("error while stopping {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    resources.clear();
  }
}
