package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshwatch.activities.store.ApplyOutcome;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.Column;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.TableResource;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer;
import io.meshwatch.activities.warehouse.bigquery.ServiceAccountKeys;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.embedded.FreePort;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.ProductStatus;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The worker as production runs it: a config file naming a Temporal server by address, a PostgreSQL
 * store by URL and a warehouse connection (PostgreSQL; BigQuery through a local server that speaks
 * its REST API), with secrets given by environment variable — against a port-bound Temporal test
 * server and embedded PostgreSQL standing in for the real ones. Each test has its own store
 * database, task queue and product, so they share the servers without meeting.
 */
class ProductionWiringTest {

  static final String STORE_SECRET = "store-secret-4711";
  static final String WAREHOUSE_SECRET = "warehouse-secret-0815";
  static final List<Column> BIGQUERY_COLUMNS = List.of(Column.of("order_id", "STRING"), Column.of("amount_usd", "NUMERIC"));
  static EmbeddedPostgres postgres;
  static TestServer.PortBoundTestServer temporal;
  static int temporalPort;

  @BeforeAll
  static void startServers() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    temporalPort = FreePort.pick(0);
    temporal = TestServer.createPortBoundServer(temporalPort);
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE analytics");
      s.execute("CREATE DATABASE bigquery_store");
    }
  }

  @AfterAll
  static void stopServers() throws Exception {
    temporal.close();
    postgres.close();
  }

  @Test
  void configuredWorkerMonitorsAWarehouseProductAlertsAndRecoversWithoutLeakingSecrets(@TempDir Path dir) throws Exception {
    String warehouseUrl = postgres.getJdbcUrl("postgres", "analytics");
    try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (order_id text NOT NULL, amount_usd numeric(12,2), loaded_at timestamptz NOT NULL)");
      s.execute("INSERT INTO orders SELECT 'o-' || i, CASE WHEN i % 50 = 0 THEN -1 ELSE i END, now() - interval '5 minutes'"
          + " FROM generate_series(1, 1000) i");
    }
    Path config = dir.resolve("worker.yaml");
    Files.writeString(config, """
        temporal:
          target: 127.0.0.1:%d
          namespace: default
          task_queue: meshwatch-test
        store:
          url: %s
          user: postgres
          password_env: TEST_STORE_PASSWORD
        warehouses:
          analytics:
            format: postgres
            url: %s
            user: postgres
            password_env: TEST_WAREHOUSE_PASSWORD
            statement_timeout: 30s
        teams:
          sales-team:
            slack_channel: "#sales-alerts"
        http:
          port: 0
        monitor:
          poll_interval: 2s
        """.formatted(temporalPort, postgres.getJdbcUrl("postgres", "postgres"), warehouseUrl));
    ConfigLoader loader = new ConfigLoader(Map.of("TEST_STORE_PASSWORD", STORE_SECRET, "TEST_WAREHOUSE_PASSWORD", WAREHOUSE_SECRET));
    WorkerConfig workerConfig = loader.load(config);

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    ByteArrayOutputStream alerts = new ByteArrayOutputStream();
    ProductId id = new ProductId("sales", "orders");
    try (MeshwatchRuntime runtime = MeshwatchRuntime.start(workerConfig, loader, dir, new PrintStream(alerts, true, StandardCharsets.UTF_8))) {
      String spec = """
          apiVersion: dataproduct/v1
          kind: DataProduct
          metadata: {name: orders, domain: sales, owner: sales-team, steward: ana@company.com}
          spec:
            output: {format: postgres, connection: analytics, schema: public, table: orders}
            schema:
              - {name: order_id, type: string, nullable: false}
              - {name: amount_usd, type: "decimal(12,2)"}
            quality:
              freshness_column: loaded_at
              freshness_sla_hours: 1
              custom_checks: ["amount_usd >= 0"]
            sla: {schedule: "0 0 * * *", timezone: UTC}
            consumers: [{team: finance, use_case: "Revenue reporting"}]
          """;
      SpecResult.Valid valid = (SpecResult.Valid) runtime.specLoader().load("orders.yaml", spec);
      assertThat(runtime.registrar().register(valid.spec(), spec, "ci").outcome()).isEqualTo(ApplyOutcome.CREATED);
      assertThat(runtime.registrar().register(valid.spec(), spec, "ci").outcome()).isEqualTo(ApplyOutcome.UNCHANGED);

      ProductStatus failing = await(runtime, id, s -> s.state() == ProductState.FAILING);
      assertThat(failing.results()).anySatisfy(r -> {
        assertThat(r.checkId()).isEqualTo("custom:amount_usd_ge_0");
        assertThat(r.violations()).isEqualTo(20L);
      });
      assertThat(stored(() -> runtime.store().results().findLatestEvaluation(id))).satisfies(e -> assertThat(e.scans()).isEqualTo(1));

      try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection(); Statement s = c.createStatement()) {
        s.execute("UPDATE orders SET amount_usd = 1, loaded_at = now() WHERE amount_usd < 0");
      }
      await(runtime, id, s -> s.state() == ProductState.HEALTHY);
      // The incident runs beside the monitor: its resolution is printed a moment after the recovery.
      String printed = awaitPrinted(alerts, "[meshwatch] RESOLVED sales/orders resolved after");
      assertThat(printed).contains("[meshwatch] OPENED sales/orders is FAILING", "consumers: finance (Revenue reporting)", "(recovered by meshwatch)");

      // The worker serves the scores of what it recorded: the report's source is wired in.
      Instant now = Instant.now();
      String scores = get("http://127.0.0.1:" + runtime.httpPort() + "/api/scores?period="
          + now.minus(Duration.ofDays(1)) + "/" + now.plus(Duration.ofDays(1)));
      assertThat(scores).contains("\"product\":\"sales/orders\"", "\"breaches\":1");
    } finally {
      root.detachAppender(logs);
    }
    String everything = alerts.toString(StandardCharsets.UTF_8) + logs.list.stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
        .reduce("", String::concat);
    assertThat(logs.list).isNotEmpty();
    assertThat(everything).doesNotContain(STORE_SECRET).doesNotContain(WAREHOUSE_SECRET);
  }

  @Test
  void configuredBigQueryConnectionMonitorsAProductAndRecordsItsBytes(@TempDir Path dir) throws Exception {
    try (FakeBigQueryServer bigQuery = FakeBigQueryServer.start()) {
      runBigQuery(dir, bigQuery);
    }
  }

  /**
   * A BigQuery product through the whole worker: registration, the monitor's scans, the store and
   * the metrics. The bytes BigQuery bills reach the evaluation record and
   * {@code meshwatch_warehouse_bytes_total}; the service-account key never reaches a log line.
   */
  private static void runBigQuery(Path dir, FakeBigQueryServer bigQuery) throws Exception {
    String key = ServiceAccountKeys.json(bigQuery.endpoint() + FakeBigQueryServer.TOKEN_PATH);
    Instant loaded = Instant.now().minus(Duration.ofMinutes(5));
    bigQuery.putTable(TableResource.table("data-project", "sales", "orders", BIGQUERY_COLUMNS, 1000, 64_000, loaded));
    // Rows, NULL order ids, negative amounts: 20 of 1000 rows break amount_usd >= 0.
    bigQuery.answer(request -> FakeBigQueryServer.scanAnswer(request, List.of("1000", "0", "20"), 64_000));
    Path config = dir.resolve("worker.yaml");
    Files.writeString(config, """
        temporal:
          target: 127.0.0.1:%d
          task_queue: meshwatch-bigquery-test
        store:
          url: %s
          user: postgres
          password_env: TEST_STORE_PASSWORD
        warehouses:
          gcp:
            format: bigquery
            url: %s
            password_env: TEST_BIGQUERY_KEY
            statement_timeout: 30s
            properties: {project: billing-project, location: EU, maximum_bytes_billed: 1GiB}
        teams:
          sales-team: {slack_channel: "#sales-alerts"}
        http:
          port: 0
        monitor:
          poll_interval: 1s
        """.formatted(temporalPort, postgres.getJdbcUrl("postgres", "bigquery_store"), bigQuery.endpoint()));
    ConfigLoader loader = new ConfigLoader(Map.of("TEST_STORE_PASSWORD", "postgres", "TEST_BIGQUERY_KEY", key));
    WorkerConfig workerConfig = loader.load(config);

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    ByteArrayOutputStream alerts = new ByteArrayOutputStream();
    ProductId id = new ProductId("finance", "ledger");
    try (MeshwatchRuntime runtime = MeshwatchRuntime.start(workerConfig, loader, dir,
        new PrintStream(alerts, true, StandardCharsets.UTF_8))) {
      String spec = """
          apiVersion: dataproduct/v1
          kind: DataProduct
          metadata: {name: ledger, domain: finance, owner: sales-team, steward: ana@company.com}
          spec:
            output: {format: bigquery, connection: gcp, project: data-project, dataset: sales, table: orders}
            schema:
              - {name: order_id, type: string, nullable: false}
              - {name: amount_usd, type: "decimal(12,2)"}
            quality:
              freshness_sla_hours: 1
              custom_checks: ["amount_usd >= 0"]
            sla: {schedule: "0 0 * * *", timezone: UTC}
          """;
      SpecResult.Valid valid = (SpecResult.Valid) runtime.specLoader().load("ledger.yaml", spec);
      assertThat(runtime.registrar().register(valid.spec(), spec, "ci").outcome()).isEqualTo(ApplyOutcome.CREATED);

      ProductStatus failing = await(runtime, id, s -> s.state() == ProductState.FAILING);
      assertThat(failing.results()).anySatisfy(r -> {
        assertThat(r.checkId()).isEqualTo("custom:amount_usd_ge_0");
        assertThat(r.violations()).isEqualTo(20L);
      });
      assertThat(stored(() -> runtime.store().results().findLatestEvaluation(id))).satisfies(e -> {
        assertThat(e.scans()).isEqualTo(1);
        assertThat(e.bytesProcessed()).isEqualTo(64_000);
        assertThat(e.bytesBilled()).isEqualTo(10L << 20);
      });
      String metrics = get("http://127.0.0.1:" + runtime.httpPort() + "/metrics");
      // Each evaluation so far billed 10 MiB and processed 64000 bytes.
      double billed = sample(metrics, "meshwatch_warehouse_bytes_total{domain=\"finance\",product=\"finance/ledger\"}");
      double processed = sample(metrics,
          "meshwatch_warehouse_processed_bytes_total{domain=\"finance\",product=\"finance/ledger\"}");
      assertThat(billed).isPositive();
      assertThat(billed % (10L << 20)).isZero();
      assertThat(processed / 64_000).isEqualTo(billed / (10L << 20));

      // The owner fixes the data; the table's new modification time is a new data version.
      bigQuery.answer(request -> FakeBigQueryServer.scanAnswer(request, List.of("1000", "0", "0"), 64_000));
      bigQuery.putTable(TableResource.table("data-project", "sales", "orders", BIGQUERY_COLUMNS, 1000, 64_000,
          Instant.now()));
      await(runtime, id, s -> s.state() == ProductState.HEALTHY);
    } finally {
      root.detachAppender(logs);
    }
    assertThat(bigQuery.requests("tables.get")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeBigQueryServer.ACCESS_TOKEN));
    assertThat(bigQuery.requests("jobs.insert")).allSatisfy(r -> {
      assertThat(r.body().path("configuration").path("labels").path("meshwatch-product").asText()).isEqualTo("finance_ledger");
      assertThat(r.queryConfiguration().path("maximumBytesBilled").asText()).isEqualTo("1073741824");
    });
    String everything = alerts.toString(StandardCharsets.UTF_8) + logs.list.stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
        .reduce("", String::concat);
    assertThat(everything).doesNotContain("PRIVATE KEY").doesNotContain("private_key");
  }

  /** The value of the Prometheus sample named {@code series} (metric name and labels). */
  private static double sample(String exposition, String series) {
    return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + exposition));
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String awaitPrinted(ByteArrayOutputStream alerts, String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String printed = alerts.toString(StandardCharsets.UTF_8);
    while (!printed.contains(text) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      printed = alerts.toString(StandardCharsets.UTF_8);
    }
    assertThat(printed).contains(text);
    return printed;
  }

  /** A store row the monitor writes after its status shows the cycle (records are written asynchronously). */
  private static <T> T stored(java.util.function.Supplier<Optional<T>> read) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Optional<T> found = read.get();
    while (found.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      found = read.get();
    }
    return found.orElseThrow(() -> new AssertionError("not in the store after 30 s"));
  }

  private static ProductStatus await(MeshwatchRuntime runtime, ProductId id, Predicate<ProductStatus> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    Optional<ProductStatus> last = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      last = runtime.directory().status(id);
      if (last.isPresent() && condition.test(last.get())) {
        return last.get();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("condition not reached; last status " + last);
  }
}
