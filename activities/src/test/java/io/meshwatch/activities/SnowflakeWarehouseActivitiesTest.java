package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.checks.RepresentativeSpec;
import io.meshwatch.activities.freshness.FreshnessPolicy;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.activities.warehouse.MutableClock;
import io.meshwatch.activities.warehouse.snowflake.InformationSchemaFixture;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Binding;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Column;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Reply;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeProtocolServer.Statement;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeWarehouseClient;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake adapter at its network boundary: the real Snowflake JDBC driver talks to a local
 * server that speaks Snowflake's REST protocol ({@link SnowflakeProtocolServer}), so these tests see
 * exactly the logins, session settings, statements and bindings that would reach an account. The
 * server does not evaluate SQL: the metadata query is answered from a catalog fixture and the scan
 * from canned counts; the rendered SQL is pinned by the golden files and its semantics proven on
 * DuckDB and PostgreSQL by {@link WarehouseActivitiesContract}.
 */
class SnowflakeWarehouseActivitiesTest {

  private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");
  private static final Instant LAST_ALTERED = Instant.parse("2024-06-10T06:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private static final String METADATA_TAG = "ALTER SESSION SET QUERY_TAG = 'meshwatch:metadata',"
      + " STATEMENT_TIMEOUT_IN_SECONDS = 30, TIMEZONE = 'UTC'";
  private static final String PRODUCT_TAG = "ALTER SESSION SET QUERY_TAG = 'meshwatch:orders/orders-daily',"
      + " STATEMENT_TIMEOUT_IN_SECONDS = 30, TIMEZONE = 'UTC'";

  private final SnowflakeProtocolServer server = new SnowflakeProtocolServer();
  private final MutableClock clock = new MutableClock(NOW);
  /** PASS with the last update when one is known, NOT_EVALUATED otherwise; thread-safe. */
  private final FreshnessPolicy policy = facts -> facts.lastUpdated() == null
      ? new FreshnessAssessment(Outcome.NOT_EVALUATED, null, null, null, null, null, "last update unknown")
      : new FreshnessAssessment(Outcome.PASS, facts.lastUpdated(), null, null, null, null, null);
  private final InformationSchemaFixture.Table orders = ordersTable(server.catalog());

  @AfterEach
  void stopServer() {
    assertThat(server.unexpected()).isEmpty();
    server.close();
  }

  /** The representative spec's table as Snowflake's catalog has it after an unquoted CREATE TABLE. */
  private static InformationSchemaFixture.Table ordersTable(InformationSchemaFixture catalog) {
    InformationSchemaFixture.Table table = catalog.table("DOMAIN_ORDERS", "PUBLIC", "ORDERS_DAILY");
    for (TableColumn column : RepresentativeSpec.catalogTable(Dialect.SNOWFLAKE).columns()) {
      switch (column.typeName()) {
        case "NUMBER(12,2)" -> table.number(column.name(), 12, 2);
        case "NUMBER(38,0)" -> table.number(column.name(), 38, 0);
        default -> table.column(column.name(), column.typeName());
      }
    }
    return table;
  }

  private ConnectionSettings settings(String password, Duration timeout) {
    return new ConnectionSettings("default", OutputFormat.SNOWFLAKE, server.jdbcUrl(), "meshwatch", password, timeout,
        true, Map.of("warehouse", "MESHWATCH_WH", "role", "MESHWATCH_READER", "database", "DOMAIN_ORDERS",
            "metadata_max_age", WINDOW.toString()));
  }

  private WarehouseActivitiesImpl activities(ConnectionSettings settings) {
    SnowflakeWarehouseClient client = new SnowflakeWarehouseClient(settings, SnowflakeWarehouseClient.jdbi(settings),
        clock);
    return new WarehouseActivitiesImpl(new WarehouseConnections(List.of(
        new WarehouseConnections.Registered(settings.name(), OutputFormat.SNOWFLAKE, client))), policy);
  }

  private WarehouseActivitiesImpl activities() {
    return activities(settings("s3cret", Duration.ofSeconds(30)));
  }

  /** The scan's answer: 5 rows in scope, one NULL order_id, 4 complete rows, a few violations. */
  private static Reply scanCounts() {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      columns.add(i == 9 ? Column.bool("M" + i) : Column.fixed("M" + i));
    }
    return Reply.row(columns, "5", "1", "0", "4", "1", "0", "2", "2", "0", "1", "0", "0", "0", "0", "0");
  }

  /** Any scan's answer: 5 rows, no violations, every aggregate predicate true. */
  private static Reply cleanScan(Statement scan) {
    String selectList = scan.sql().substring(0, scan.sql().lastIndexOf(" FROM "));
    String[] items = selectList.split(", (?=COUNT_IF\\(|\\(\\()");
    List<Column> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      boolean truth = items[i].startsWith("((");
      columns.add(truth ? Column.bool("M" + i) : Column.fixed("M" + i));
      values.add(i == 0 ? "5" : truth ? "1" : "0");
    }
    return new Reply.Rows(columns, List.of(values));
  }

  private static Map<String, CheckResult> byId(List<CheckResult> results) {
    return results.stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
  }

  private static boolean isScan(String sql) {
    return sql.contains("COUNT_IF(");
  }

  private static boolean isMetadata(String sql) {
    return sql.contains("INFORMATION_SCHEMA.TABLES");
  }

  private EvaluateOutput evaluate(WarehouseActivitiesImpl activities, ProductSpec spec) {
    return activities.evaluate(new EvaluateInput(spec, RepresentativeSpec.SCHEDULED, "v1"));
  }

  private ProbeOutput probe(WarehouseActivitiesImpl activities, ProductSpec spec) {
    return activities.probe(new ProbeInput(spec, NOW, List.of()));
  }

  @Test
  void theRenderedScanReachesSnowflakeAsPinnedWithATextCutoffAndIsInterpreted() {
    server.on(SnowflakeWarehouseActivitiesTest::isScan, statement -> scanCounts());

    EvaluateOutput output = evaluate(activities(), RepresentativeSpec.spec());

    Statement scan = server.statements().stream().filter(s -> isScan(s.sql())).findFirst().orElseThrow();
    assertThat(scan.sql()).isEqualTo(RepresentativeSpec.plan(Dialect.SNOWFLAKE).query().sql());
    assertThat(scan.bindings()).containsExactly(new Binding("TEXT", "2024-06-07"));
    Map<String, CheckResult> r = byId(output.results());
    assertThat(output.rowsScanned()).isEqualTo(5);
    assertThat(output.scans()).isEqualTo(1);
    assertThat(output.queries()).isEqualTo(2);
    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("not_null:order_id")).extracting(CheckResult::outcome, CheckResult::violations, CheckResult::rows)
        .containsExactly(Outcome.FAIL, 1L, 5L);
    assertThat(r.get("completeness")).extracting(CheckResult::outcome, CheckResult::observed)
        .containsExactly(Outcome.FAIL, 0.8);
    assertThat(r.get("pii:ssn")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 2L);
    assertThat(r.get("pii:card_token").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("custom:order_count_positive").violations()).isEqualTo(2L);
    assertThat(r.get("custom:has_rows").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("custom:capped").outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void everySessionSetsItsTagTheTimeoutAndUtcAndLogsInForJsonResults() {
    server.on(SnowflakeWarehouseActivitiesTest::isScan, statement -> scanCounts());

    evaluate(activities(), RepresentativeSpec.spec());

    assertThat(server.logins()).hasSize(2).allSatisfy(login -> {
      assertThat(login.accepted()).isTrue();
      assertThat(login.sessionParameters()).containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON");
      assertThat(login.query()).containsEntry("warehouse", "MESHWATCH_WH").containsEntry("roleName", "MESHWATCH_READER")
          .containsEntry("databaseName", "DOMAIN_ORDERS");
    });
    Map<Integer, List<String>> bySession = server.statements().stream()
        .collect(Collectors.groupingBy(Statement::session, Collectors.mapping(Statement::sql, Collectors.toList())));
    assertThat(bySession).hasSize(2);
    assertThat(bySession.get(1)).hasSize(2).first().isEqualTo(METADATA_TAG);
    assertThat(bySession.get(1).get(1)).startsWith("/* meshwatch */ SELECT t.TABLE_CATALOG");
    assertThat(bySession.get(2)).hasSize(2).first().isEqualTo(PRODUCT_TAG);
    assertThat(bySession.get(2).get(1)).startsWith("/* meshwatch */ SELECT count(*) AS m0, COUNT_IF(");
    assertThat(server.logouts()).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void nProductsOnOneConnectionCostOneMetadataQueryPerWindowNotN() throws Exception {
    int n = 12;
    List<ProductSpec> specs = IntStream.rangeClosed(1, n).mapToObj(i -> {
      server.catalog().table("DOMAIN_ORDERS", "PUBLIC", "PRODUCT_" + i).column("ID", "TEXT").lastAltered =
          LAST_ALTERED.plusSeconds(i);
      return productSpec("product-" + i, "product_" + i, null);
    }).toList();
    WarehouseActivitiesImpl activities = activities();

    // The first cycle learns the tables: each one seen for the first time needs a read.
    specs.forEach(spec -> probe(activities, spec));
    assertThat(server.sql().stream().filter(SnowflakeWarehouseActivitiesTest::isMetadata)).hasSize(n);

    clock.advance(WINDOW.plusSeconds(1));
    server.clear();
    List<ProbeOutput> cycle = specs.stream().map(spec -> probe(activities, spec)).toList();
    assertThat(server.sql()).hasSize(2).first().isEqualTo(METADATA_TAG);
    assertThat(server.sql().get(1)).matches(SnowflakeWarehouseActivitiesTest::isMetadata);
    assertThat(server.logins()).hasSize(1);
    assertThat(cycle).extracting(p -> p.freshness().lastUpdated())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, n).mapToObj(LAST_ALTERED::plusSeconds).toList());

    // Within the window nothing reaches Snowflake at all.
    clock.advance(WINDOW.minusSeconds(2));
    server.clear();
    specs.forEach(spec -> probe(activities, spec));
    assertThat(server.logins()).isEmpty();
    assertThat(server.statements()).isEmpty();

    // Probes arriving together wait for one read instead of issuing their own.
    clock.advance(WINDOW);
    server.clear();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<ProbeOutput>> probes = specs.stream()
          .map(spec -> (Callable<ProbeOutput>) () -> probe(activities, spec))
          .toList();
      for (Future<ProbeOutput> done : pool.invokeAll(probes)) {
        assertThat(done.get().freshness().outcome()).isEqualTo(Outcome.PASS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.sql().stream().filter(SnowflakeWarehouseActivitiesTest::isMetadata)).hasSize(1);
  }

  private static ProductSpec productSpec(String name, String table, String freshnessColumn) {
    OutputSpec output = new OutputSpec(OutputFormat.SNOWFLAKE, null, null, "domain_orders", "public", table, null, null,
        null);
    return new ProductSpec(new ProductId("orders", name), "orders-platform-team", "jane.smith@company.com", name,
        output, List.of(), new QualitySpec(2.0, null, List.of(), freshnessColumn, null, null), List.of(), null, null,
        null);
  }

  @Test
  void probeReadsLastAlteredAndTheVersionMovesWithIt() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = productSpec("orders-daily", "orders_daily", null);

    ProbeOutput first = probe(activities, spec);
    assertThat(first.freshness().lastUpdated()).isEqualTo(LAST_ALTERED);
    // The adapter's token (LAST_ALTERED, ROW_COUNT, BYTES), then the schema fingerprint the activity adds.
    assertThat(first.dataVersion()).startsWith("snowflake:" + LAST_ALTERED.getEpochSecond() * 1_000_000_000L
        + ":8:4096#");

    orders.lastAltered = LAST_ALTERED.plusSeconds(60);
    orders.rowCount = 9L;
    assertThat(probe(activities, spec).dataVersion()).as("served from the shared read").isEqualTo(first.dataVersion());
    clock.advance(WINDOW);
    ProbeOutput after = probe(activities, spec);
    assertThat(after.dataVersion()).isNotEqualTo(first.dataVersion()).contains(":9:4096#");
    assertThat(after.freshness().lastUpdated()).isEqualTo(LAST_ALTERED.plusSeconds(60));
  }

  @Test
  void aFreshnessColumnIsReadAsItsMaximumInTheProductsSession() {
    Instant latest = Instant.parse("2024-06-10T05:30:00.123456789Z");
    server.on(sql -> sql.contains("MAX(\"UPDATED_AT\")"), statement -> Reply.row(List.of(Column.fixed("LATEST")),
        Long.toString(latest.getEpochSecond() * 1_000_000_000L + latest.getNano())));

    ProbeOutput probe = probe(activities(), productSpec("orders-daily", "orders_daily", "updated_at"));

    assertThat(probe.freshness().lastUpdated()).isEqualTo(latest);
    assertThat(server.sql()).containsSubsequence(PRODUCT_TAG, "/* meshwatch */ SELECT DATE_PART(EPOCH_NANOSECOND,"
        + " MAX(\"UPDATED_AT\")) FROM \"DOMAIN_ORDERS\".\"PUBLIC\".\"ORDERS_DAILY\"");
  }

  @Test
  void aViewHasNoVersionAndNoLastUpdateFromMetadata() {
    orders.type = "VIEW";

    ProbeOutput probe = probe(activities(), productSpec("orders-daily", "orders_daily", null));

    assertThat(probe.dataVersion()).isNull();
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.NOT_EVALUATED);
  }

  @Test
  void refusedCredentialsGiveErrorResultsAndAProbeError() {
    WarehouseActivitiesImpl activities = activities(settings("wrong", Duration.ofSeconds(30)));

    EvaluateOutput output = evaluate(activities, RepresentativeSpec.spec());
    ProbeOutput probe = probe(activities, RepresentativeSpec.spec());

    assertThat(output.results()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(r.message()).startsWith("Snowflake connection 'default' refused the login (error 390100")
          .doesNotContain("wrong");
    });
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).contains("refused the login");
  }

  @Test
  void anUnreachableAccountGivesErrorResultsQuickly() {
    ConnectionSettings settings = settings("s3cret", Duration.ofSeconds(1));
    server.close();
    long started = System.nanoTime();

    EvaluateOutput output = evaluate(activities(settings), RepresentativeSpec.spec());

    assertThat(output.results()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(r.message()).startsWith("cannot connect to Snowflake connection 'default'");
    });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aMissingTableIsAProbeErrorWithTheReason() {
    ProductSpec spec = productSpec("gone", "no_such_table", null);

    ProbeOutput probe = probe(activities(), spec);

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).isEqualTo("table DOMAIN_ORDERS.public.no_such_table does not exist in"
        + " Snowflake connection 'default', or its role is not granted access to it");
  }

  @Test
  void aMissingDatabaseFailsOnlyItsOwnProducts() {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec good = productSpec("orders-daily", "orders_daily", null);
    OutputSpec elsewhere = new OutputSpec(OutputFormat.SNOWFLAKE, null, null, "nope", "public", "orders", null, null,
        null);
    ProductSpec bad = new ProductSpec(new ProductId("orders", "lost"), "orders-platform-team", null, "lost", elsewhere,
        List.of(), QualitySpec.empty(), List.of(), null, null, null);
    assertThat(probe(activities, good).freshness().outcome()).isEqualTo(Outcome.PASS);
    server.clear();
    // Once the good table's answer has aged, the new one is read with it, in one combined read.
    clock.advance(WINDOW);

    ProbeOutput lost = probe(activities, bad);
    ProbeOutput stillGood = probe(activities, good);

    assertThat(lost.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(lost.freshness().reason()).startsWith("database NOPE does not exist in Snowflake connection 'default',"
        + " or its role is not granted USAGE on it");
    assertThat(stillGood.freshness().outcome()).isEqualTo(Outcome.PASS);
    // The combined read failed on the missing database; each database was then read alone.
    assertThat(server.sql().stream().filter(SnowflakeWarehouseActivitiesTest::isMetadata).map(
        sql -> sql.contains("UNION ALL"))).containsExactly(true, false, false);
  }

  @Test
  void aColumnDroppedUnderARunningMonitorErrorsTheScanUntilTheCatalogIsReadAgain() {
    WarehouseActivitiesImpl activities = activities();
    server.on(SnowflakeWarehouseActivitiesTest::isScan, statement -> scanCounts());
    assertThat(byId(evaluate(activities, RepresentativeSpec.spec()).results()).get("pii:email").outcome())
        .isEqualTo(Outcome.PASS);

    orders.dropColumn("EMAIL");
    server.on(sql -> isScan(sql) && sql.contains("\"EMAIL\""), statement -> Reply.failure(904, "42000",
        "SQL compilation error: error line 1 at position 300 invalid identifier 'EMAIL'"));
    Map<String, CheckResult> stale = byId(evaluate(activities, RepresentativeSpec.spec()).results());
    assertThat(stale.get("schema").outcome()).as("catalog still shared").isEqualTo(Outcome.PASS);
    assertThat(stale.get("completeness").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(stale.get("completeness").message()).contains("a column the scan reads no longer exists");

    clock.advance(WINDOW);
    server.on(SnowflakeWarehouseActivitiesTest::isScan, SnowflakeWarehouseActivitiesTest::cleanScan);
    Map<String, CheckResult> fresh = byId(evaluate(activities, RepresentativeSpec.spec()).results());
    assertThat(fresh.get("schema").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(fresh.get("pii:email").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(fresh.get("pii:email").message()).contains("column email is not in table");
    assertThat(fresh.get("pii:ssn").outcome()).isEqualTo(Outcome.PASS);
    assertThat(fresh.get("custom:has_rows").outcome()).isEqualTo(Outcome.PASS);
  }

  @Test
  void aStatementTimeoutErrorsTheScanChecksAndKeepsTheSchemaResult() {
    server.on(SnowflakeWarehouseActivitiesTest::isScan, statement -> Reply.failure(630, "57014",
        "Statement reached its statement or warehouse timeout of 30 second(s) and was canceled."));

    Map<String, CheckResult> r = byId(evaluate(activities(), RepresentativeSpec.spec()).results());

    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("not_null:order_id").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.get("not_null:order_id").message())
        .startsWith("the statement on Snowflake connection 'default' ran past its 30 s timeout and was cancelled");
  }

  @Test
  void dataErrorsAreReportedByCodeWithoutTheServersTextWhichCanQuoteValues() {
    server.on(SnowflakeWarehouseActivitiesTest::isScan, statement -> Reply.failure(100038, "22018",
        "Numeric value 'jane@example.com' is not recognized"));

    List<CheckResult> results = evaluate(activities(), RepresentativeSpec.spec()).results();

    assertThat(byId(results).get("custom:has_rows").message())
        .startsWith("the data raised (error 100038, SQLSTATE 22018) on Snowflake connection 'default'");
    assertThat(results).allSatisfy(r -> assertThat(String.valueOf(r.message())).doesNotContain("jane@example.com"));
  }

  @Test
  void noUsableWarehouseIsAnErrorThatSaysWhatToConfigure() {
    server.on(SnowflakeWarehouseActivitiesTest::isMetadata, statement -> Reply.failure(606, "57P03",
        "No active warehouse selected in the current session."));

    ProbeOutput probe = probe(activities(), productSpec("orders-daily", "orders_daily", null));

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).isEqualTo("Snowflake connection 'default' has no usable warehouse"
        + " (error 606, SQLSTATE 57P03): set the connection's warehouse property and grant its role USAGE on it");
  }
}
