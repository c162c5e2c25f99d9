package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshwatch.activities.store.ApplyOutcome;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * store by URL and a PostgreSQL warehouse connection, with secrets given by environment variable —
 * against a port-bound Temporal test server and embedded PostgreSQL standing in for the real ones.
 */
class ProductionWiringTest {

  static final String STORE_SECRET = "store-secret-4711";
  static final String WAREHOUSE_SECRET = "warehouse-secret-0815";
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
      assertThat(runtime.store().results().findLatestEvaluation(id)).get().satisfies(e -> assertThat(e.scans()).isEqualTo(1));

      try (Connection c = postgres.getDatabase("postgres", "analytics").getConnection(); Statement s = c.createStatement()) {
        s.execute("UPDATE orders SET amount_usd = 1, loaded_at = now() WHERE amount_usd < 0");
      }
      await(runtime, id, s -> s.state() == ProductState.HEALTHY);
      String printed = alerts.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("[meshwatch] BREACH sales/orders is FAILING", "consumers: finance (Revenue reporting)",
          "[meshwatch] RECOVERED sales/orders is healthy again");
    } finally {
      root.detachAppender(logs);
    }
    String everything = alerts.toString(StandardCharsets.UTF_8) + logs.list.stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
        .reduce("", String::concat);
    assertThat(logs.list).isNotEmpty();
    assertThat(everything).doesNotContain(STORE_SECRET).doesNotContain(WAREHOUSE_SECRET);
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
