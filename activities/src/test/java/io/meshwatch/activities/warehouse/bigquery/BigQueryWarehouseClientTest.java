package io.meshwatch.activities.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.Answer;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.Column;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.TableResource;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.ProductId;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real Google client against {@link FakeBigQueryServer}: what meshwatch sends to BigQuery
 * (labels, caps, timeouts, dry runs, parameters) and what it makes of BigQuery's answers and errors.
 */
class BigQueryWarehouseClientTest {

  static final String PROJECT = "billing-project";
  static final TableName ORDERS = new TableName(null, "sales", "orders");
  static final Instant MODIFIED = Instant.parse("2024-06-10T06:00:00Z");
  static final List<Column> COLUMNS = List.of(
      Column.of("order_id", "STRING"), Column.of("qty", "INTEGER"), Column.of("revenue", "NUMERIC"),
      Column.of("ratio", "FLOAT"), Column.of("paid", "BOOLEAN"), Column.of("day", "DATE"),
      Column.of("updated_at", "TIMESTAMP"), Column.of("local_time", "DATETIME"), Column.of("payload", "JSON"),
      Column.of("raw", "BYTES"), new Column("tags", "STRING", "REPEATED"));
  /** Fast retries and polls: three attempts within two seconds, polls every few milliseconds. */
  static final BigQueryTuning FAST = new BigQueryTuning(3, Duration.ofMillis(10), Duration.ofMillis(20),
      Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofMillis(20),
      Duration.ofMillis(200));

  final FakeBigQueryServer server = FakeBigQueryServer.start();
  final StatementTally tally = new StatementTally();
  final QueryContext context = new QueryContext(QueryTag.of(new ProductId("orders", "orders-daily")), tally);

  @AfterEach
  void stop() {
    server.close();
  }

  static ConnectionSettings settings(String endpoint, Duration timeout, Map<String, String> extra) {
    Map<String, String> properties = new HashMap<>(Map.of("project", PROJECT, "credentials", "none",
        "location", "EU", "maximum_bytes_billed", "1GiB"));
    properties.putAll(extra);
    return new ConnectionSettings("gcp", OutputFormat.BIGQUERY, endpoint, null, null, timeout, true, properties);
  }

  BigQueryWarehouseClient client() {
    return BigQueryWarehouseClient.open(settings(server.endpoint(), Duration.ofSeconds(5), Map.of()), FAST);
  }

  void ordersTable() {
    server.putTable(TableResource.table(PROJECT, "sales", "orders", COLUMNS, 8, 4096, MODIFIED));
  }

  static ScanQuery scan(Object... parameters) {
    return new ScanQuery("/* meshwatch */ SELECT count(*) AS m0, COUNTIF(`order_id` IS NULL) AS m1, ((count(*) > 0)) AS m2,"
        + " ((sum(`qty`) > 100)) AS m3 FROM `billing-project`.`sales`.`orders`"
        + (parameters.length == 0 ? "" : " WHERE `day` >= ?"), List.of(parameters), 4);
  }

  static Answer.Rows scanRows(int polls) {
    return new Answer.Rows(List.of(Column.of("m0", "INTEGER"), Column.of("m1", "INTEGER"), Column.of("m2", "BOOLEAN"),
        Column.of("m3", "BOOLEAN")), java.util.Arrays.asList("8", "1", "true", null), 52_428_800, 52_428_800, polls);
  }

  WarehouseException failure(ThrowingCall call) {
    try {
      call.run();
    } catch (WarehouseException e) {
      return e;
    }
    throw new AssertionError("expected a WarehouseException");
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws WarehouseException;
  }

  @Test
  void columnsComeFromTablesGetAsGoogleSqlTypes() throws WarehouseException {
    ordersTable();

    ResolvedTable table = client().columns(ORDERS, context);

    assertThat(table.name()).isEqualTo(new TableName(PROJECT, "sales", "orders"));
    assertThat(table.columns()).containsExactly(
        new TableColumn("order_id", "STRING", TypeFamily.STRING),
        new TableColumn("qty", "INT64", TypeFamily.INTEGER),
        new TableColumn("revenue", "NUMERIC", TypeFamily.DECIMAL),
        new TableColumn("ratio", "FLOAT64", TypeFamily.DECIMAL),
        new TableColumn("paid", "BOOL", TypeFamily.BOOLEAN),
        new TableColumn("day", "DATE", TypeFamily.DATE),
        new TableColumn("updated_at", "TIMESTAMP", TypeFamily.TIMESTAMP_TZ),
        new TableColumn("local_time", "DATETIME", TypeFamily.TIMESTAMP),
        new TableColumn("payload", "JSON", TypeFamily.OTHER),
        new TableColumn("raw", "BYTES", TypeFamily.BINARY),
        new TableColumn("tags", "ARRAY<STRING>", TypeFamily.OTHER));
    assertThat(server.requests()).extracting(FakeBigQueryServer::restMethod).containsExactly("tables.get");
    assertThat(server.requests().get(0).path()).isEqualTo("/bigquery/v2/projects/billing-project/datasets/sales/tables/orders");
    assertThat(tally.count(StatementKind.METADATA)).isEqualTo(1);
    assertThat(tally.bytesBilled()).isZero();
  }

  @Test
  void aSpecsProjectWinsOverTheConnectionsProject() throws WarehouseException {
    server.putTable(TableResource.table("data-project", "sales", "orders", COLUMNS, 8, 4096, MODIFIED));

    ResolvedTable table = client().columns(new TableName("data-project", "sales", "orders"), context);

    assertThat(table.name().catalog()).isEqualTo("data-project");
    assertThat(server.requests().get(0).path()).startsWith("/bigquery/v2/projects/data-project/");
  }

  @Test
  void probeReadsVersionFreshnessAndRowCountFromMetadataWithoutAJob() throws WarehouseException {
    ordersTable();
    BigQueryWarehouseClient client = client();

    TableProbe probe = client.probe(ORDERS, null, context);

    assertThat(probe.dataVersion()).isEqualTo("bigquery:" + MODIFIED.toEpochMilli() + ":8:4096");
    assertThat(probe.lastUpdated()).isEqualTo(MODIFIED);
    assertThat(probe.rowCount()).isEqualTo(8);
    assertThat(probe.freshnessProblem()).isNull();
    assertThat(server.requests("jobs.insert")).isEmpty();

    // A load (more rows, a later modification) and rows arriving in the streaming buffer each move the version.
    server.putTable(TableResource.table(PROJECT, "sales", "orders", COLUMNS, 9, 4200, MODIFIED.plusSeconds(60)));
    String loaded = client.probe(ORDERS, null, context).dataVersion();
    server.putTable(TableResource.table(PROJECT, "sales", "orders", COLUMNS, 9, 4200, MODIFIED.plusSeconds(60)).streaming(3));
    String streamed = client.probe(ORDERS, null, context).dataVersion();
    assertThat(List.of(probe.dataVersion(), loaded, streamed)).doesNotHaveDuplicates();
    assertThat(streamed).endsWith(":streaming=3@1718000000000");
  }

  @Test
  void aViewHasNoVersionAndNoLastUpdateFromMetadata() throws WarehouseException {
    server.putTable(TableResource.table(PROJECT, "sales", "orders", COLUMNS, 8, 4096, MODIFIED).asView());

    TableProbe probe = client().probe(ORDERS, null, context);

    assertThat(probe.dataVersion()).isNull();
    assertThat(probe.lastUpdated()).isNull();
    assertThat(probe.rowCount()).isNull();
  }

  @Test
  void aFreshnessColumnsMaximumIsReadByACappedLabelledJobOnlyWhenTheVersionMoved() throws WarehouseException {
    ordersTable();
    server.answer(request -> new Answer.Rows(List.of(Column.of("m0", "TIMESTAMP")), List.of("1.7180028E9"), 1_000,
        10_485_760, 0));
    BigQueryWarehouseClient client = client();

    TableProbe first = client.probe(ORDERS, "updated_at", context);
    TableProbe unchanged = client.probe(ORDERS, "updated_at", context);

    assertThat(first.lastUpdated()).isEqualTo(Instant.parse("2024-06-10T07:00:00Z"));
    assertThat(unchanged.lastUpdated()).isEqualTo(first.lastUpdated());
    List<FakeBigQueryServer.Request> jobs = server.requests("jobs.insert");
    assertThat(jobs).hasSize(1);
    JsonNode query = jobs.get(0).queryConfiguration();
    assertThat(query.path("query").asText())
        .isEqualTo("/* meshwatch */ SELECT MAX(`updated_at`) AS m0 FROM `billing-project`.`sales`.`orders`");
    assertThat(query.path("useLegacySql").asBoolean(true)).isFalse();
    assertThat(query.path("maximumBytesBilled").asText()).isEqualTo("1073741824");
    assertThat(jobs.get(0).body().path("configuration").path("labels").path(BigQueryLabels.PURPOSE).asText())
        .isEqualTo("probe");
    assertThat(tally.bytesBilled()).isEqualTo(10_485_760);

    server.putTable(TableResource.table(PROJECT, "sales", "orders", COLUMNS, 9, 4200, MODIFIED.plusSeconds(60)));
    client.probe(ORDERS, "updated_at", context);
    assertThat(server.requests("jobs.insert")).hasSize(2);
  }

  @Test
  void aFreshnessColumnThatIsNotATimeIsAProblemNotAQuery() throws WarehouseException {
    ordersTable();

    TableProbe probe = client().probe(ORDERS, "qty", context);

    assertThat(probe.freshnessProblem()).isEqualTo("the freshness column qty is INT64; it must be a date or a timestamp");
    assertThat(server.requests("jobs.insert")).isEmpty();
  }

  @Test
  void scanRunsADryRunThenOneLabelledCappedTimedJobAndCountsItsBytes() throws WarehouseException {
    ordersTable();
    server.answer(request -> request.dryRun() ? new Answer.DryRun(52_000_000) : scanRows(2));

    ScanRow row = client().scan(scan(LocalDate.of(2024, 6, 7)), context);

    assertThat(row.values()).containsExactly(8L, 1L, true, null);
    assertThat(server.requests()).extracting(FakeBigQueryServer::restMethod).containsExactly(
        "jobs.insert", "jobs.insert", "jobs.get", "jobs.get", "jobs.getQueryResults", "tabledata.list");
    FakeBigQueryServer.Request dryRun = server.requests("jobs.insert").get(0);
    FakeBigQueryServer.Request job = server.requests("jobs.insert").get(1);
    assertThat(dryRun.dryRun()).isTrue();
    assertThat(job.dryRun()).isFalse();
    for (FakeBigQueryServer.Request insert : List.of(dryRun, job)) {
      JsonNode query = insert.queryConfiguration();
      assertThat(query.path("query").asText()).isEqualTo(scan().sql() + " WHERE `day` >= ?");
      assertThat(query.path("useLegacySql").asBoolean(true)).isFalse();
      assertThat(query.path("maximumBytesBilled").asText()).isEqualTo("1073741824");
      assertThat(query.path("parameterMode").asText()).isEqualTo("POSITIONAL");
      assertThat(query.path("queryParameters").get(0).path("parameterType").path("type").asText()).isEqualTo("DATE");
      assertThat(query.path("queryParameters").get(0).path("parameterValue").path("value").asText()).isEqualTo("2024-06-07");
    }
    JsonNode configuration = job.body().path("configuration");
    assertThat(configuration.path("jobTimeoutMs").asText()).isEqualTo("5000");
    assertThat(configuration.path("labels").properties()).extracting(Map.Entry::getKey, e -> e.getValue().asText())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("meshwatch-product", "orders_orders-daily"),
            org.assertj.core.groups.Tuple.tuple("meshwatch-domain", "orders"),
            org.assertj.core.groups.Tuple.tuple("meshwatch-purpose", "scan"));
    assertThat(job.body().path("jobReference").path("location").asText()).isEqualTo("EU");
    assertThat(job.body().path("jobReference").path("jobId").asText()).startsWith("meshwatch_scan_");
    assertThat(tally.count(StatementKind.SCAN)).isEqualTo(1);
    assertThat(tally.count(StatementKind.METADATA)).isEqualTo(1);
    assertThat(tally.bytesProcessed()).isEqualTo(52_428_800);
    assertThat(tally.bytesBilled()).isEqualTo(52_428_800);
  }

  @Test
  void scopeCutoffsAreBoundInTheirColumnsOwnType() throws WarehouseException {
    ordersTable();
    server.answer(request -> request.dryRun() ? new Answer.DryRun(1) : scanRows(0));
    BigQueryWarehouseClient client = client();

    client.scan(scan(OffsetDateTime.of(2024, 6, 7, 12, 30, 0, 0, ZoneOffset.UTC)), context);
    client.scan(scan(LocalDateTime.of(2024, 6, 7, 12, 30)), context);
    client.scan(scan("2024-06-07"), context);

    List<JsonNode> parameters = server.requests("jobs.insert").stream().filter(r -> !r.dryRun())
        .map(r -> r.queryConfiguration().path("queryParameters").get(0)).toList();
    assertThat(parameters).extracting(p -> p.path("parameterType").path("type").asText())
        .containsExactly("TIMESTAMP", "DATETIME", "STRING");
    assertThat(parameters.get(0).path("parameterValue").path("value").asText()).startsWith("2024-06-07 12:30:00");
    assertThat(parameters.get(1).path("parameterValue").path("value").asText()).isEqualTo("2024-06-07 12:30:00.000000");
    assertThat(parameters.get(2).path("parameterValue").path("value").asText()).isEqualTo("2024-06-07");
  }

  @Test
  void aScanOverTheCapIsRefusedAfterItsDryRunAndNeverRuns() {
    ordersTable();
    server.answer(request -> request.dryRun() ? new Answer.DryRun(2L << 30) : scanRows(0));

    WarehouseException e = failure(() -> client().scan(scan(), context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.COST_LIMIT);
    assertThat(e.getMessage()).isEqualTo("the scan would process 2.0 GiB (2147483648 bytes), more than the 1.0 GiB"
        + " (1073741824 bytes) that BigQuery connection 'gcp' allows one query to bill (maximum_bytes_billed), so it"
        + " was not run; scope it with quality.partition_column and quality.lookback, or raise the cap");
    assertThat(server.requests("jobs.insert")).singleElement().satisfies(r -> assertThat(r.dryRun()).isTrue());
    assertThat(tally.count(StatementKind.SCAN)).isZero();
    assertThat(tally.bytesBilled()).isZero();
  }

  @Test
  void quotaExceededIsReportedOnceWithoutRetrying() {
    ordersTable();
    server.fail("POST", ".*/jobs", 403, "quotaExceeded",
        "Quota exceeded: Your project exceeded quota for free query bytes scanned.", 10);

    WarehouseException e = failure(() -> client().scan(scan(), context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.QUOTA_EXCEEDED);
    assertThat(e.getMessage()).isEqualTo("BigQuery refused the dry run of the scan (HTTP 403, quotaExceeded): a quota"
        + " or rate limit of project billing-project is reached; meshwatch tries again at the next poll");
    assertThat(server.requests()).extracting(FakeBigQueryServer::restMethod).containsExactly("jobs.insert");
  }

  @Test
  void rateLimitsAreRetriedABoundedNumberOfTimes() {
    ordersTable();
    server.fail("POST", ".*/jobs", 403, "rateLimitExceeded",
        "Exceeded rate limits: too many api requests per user per method for this user_method", 10);

    WarehouseException e = failure(() -> client().scan(scan(), context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.QUOTA_EXCEEDED);
    assertThat(server.requests("jobs.insert")).hasSize(FAST.maxAttempts());
  }

  @Test
  void serverErrorsAreRetriedABoundedNumberOfTimesThenUnreachable() {
    ordersTable();
    server.fail("GET", ".*/tables/orders", 503, "backendError", "Backend error", 10);

    WarehouseException e = failure(() -> client().columns(ORDERS, context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.UNREACHABLE);
    assertThat(e.getMessage()).contains("(HTTP 503, backendError)");
    assertThat(server.requests("tables.get")).hasSize(FAST.maxAttempts());
  }

  @Test
  void aPassingServerErrorIsRetriedAway() throws WarehouseException {
    ordersTable();
    server.fail("GET", ".*/tables/orders", 503, "backendError", "Backend error", 1);

    assertThat(client().columns(ORDERS, context).columns()).hasSize(COLUMNS.size());
    assertThat(server.requests("tables.get")).hasSize(2);
  }

  @Test
  void aMissingTableIsTableNotFound() {
    WarehouseException e = failure(() -> client().probe(ORDERS, null, context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.TABLE_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("table billing-project.sales.orders does not exist on BigQuery connection"
        + " 'gcp', or the connection's account cannot see it");
    assertThat(server.requests("tables.get")).hasSize(1);
  }

  @Test
  void aTableDroppedBeforeTheScanIsTableNotFound() {
    server.answer(request -> new Answer.Refused(404, "notFound", "Not found: Table billing-project:sales.orders was"
        + " not found in location EU"));

    WarehouseException e = failure(() -> client().scan(scan(), context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.TABLE_NOT_FOUND);
    assertThat(e.getMessage()).startsWith("BigQuery found no table or dataset for the dry run of the scan (HTTP 404,"
        + " notFound)");
    assertThat(server.requests()).extracting(FakeBigQueryServer::restMethod).containsExactly("jobs.insert");
  }

  @Test
  void refusedPermissionsNameTheRolesMeshwatchNeeds() {
    server.fail("GET", ".*/tables/orders", 403, "accessDenied",
        "Access Denied: Table billing-project:sales.orders: Permission bigquery.tables.get denied", 1);

    WarehouseException e = failure(() -> client().columns(ORDERS, context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.AUTHENTICATION);
    assertThat(e.getMessage()).contains("roles/bigquery.jobUser on project billing-project",
        "roles/bigquery.dataViewer");
  }

  @Test
  void aJobStillRunningPastItsTimeoutIsCancelled() {
    ordersTable();
    server.answer(request -> request.dryRun() ? new Answer.DryRun(1) : new Answer.Running());
    BigQueryWarehouseClient client = BigQueryWarehouseClient.open(
        settings(server.endpoint(), Duration.ofMillis(150), Map.of()), FAST);

    long started = System.nanoTime();
    WarehouseException e = failure(() -> client.scan(scan(), context));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(e.failure()).isEqualTo(WarehouseFailure.TIMEOUT);
    assertThat(e.getMessage()).isEqualTo("the scan on BigQuery connection 'gcp' was still running 300 ms after it"
        + " started (job timeout 150 ms), so meshwatch cancelled it");
    assertThat(server.requests("jobs.insert").get(1).body().path("configuration").path("jobTimeoutMs").asText())
        .isEqualTo("150");
    String jobId = server.jobIds().get(0);
    assertThat(server.cancelled(jobId)).isTrue();
    assertThat(server.requests("jobs.cancel")).hasSize(1);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void jobsThatFailAreClassifiedByReasonWithoutQuotingBigQuerysMessage() {
    ordersTable();
    Map<String, WarehouseFailure> expected = Map.of(
        "timeout", WarehouseFailure.TIMEOUT,
        "bytesBilledLimitExceeded", WarehouseFailure.COST_LIMIT,
        "resourcesExceeded", WarehouseFailure.QUERY_ERROR);
    for (var entry : expected.entrySet()) {
      server.answer(request -> request.dryRun() ? new Answer.DryRun(1)
          : new Answer.Failed(entry.getKey(), "secret-value-42 went wrong"));
      WarehouseException e = failure(() -> client().scan(scan(), context));
      assertThat(e.failure()).as(entry.getKey()).isEqualTo(entry.getValue());
      assertThat(e.getMessage()).contains(entry.getKey()).doesNotContain("secret-value-42");
    }
    server.answer(request -> request.dryRun() ? new Answer.DryRun(1)
        : new Answer.Failed("invalidQuery", "Bad int64 value: secret-value-42"));
    WarehouseException data = failure(() -> client().scan(scan(), context));
    assertThat(data.failure()).isEqualTo(WarehouseFailure.DATA_ERROR);
    assertThat(data.getMessage()).doesNotContain("secret-value-42");
    server.answer(request -> new Answer.Refused(400, "invalidQuery", "Unrecognized name: qty at [1:40]"));
    assertThat(failure(() -> client().scan(scan(), context)).failure()).isEqualTo(WarehouseFailure.COLUMN_NOT_FOUND);
    server.answer(request -> new Answer.Refused(400, "invalidQuery", "Cannot query over table 'sales.orders' without a"
        + " filter over column(s) 'day' that can be used for partition elimination"));
    assertThat(failure(() -> client().scan(scan(), context)).getMessage())
        .contains("requires a filter on its partitioning column; set quality.partition_column");
  }

  @Test
  void anUnreachableEndpointIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    BigQueryWarehouseClient client = BigQueryWarehouseClient.open(
        settings("http://127.0.0.1:" + port, Duration.ofSeconds(5), Map.of()), FAST);

    WarehouseException e = failure(() -> client.columns(ORDERS, context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.UNREACHABLE);
    assertThat(e.getMessage()).isEqualTo("cannot reach BigQuery for reading the metadata of table"
        + " billing-project.sales.orders (BigQuery connection 'gcp', ConnectException)");
  }

  @Test
  void ingestionTimePartitionedTablesOfferTheirPseudoColumns() throws WarehouseException {
    server.putTable(TableResource.table(PROJECT, "sales", "orders", COLUMNS, 8, 4096, MODIFIED).partitionedBy(null, "DAY"));
    server.putTable(TableResource.table(PROJECT, "sales", "events", COLUMNS, 8, 4096, MODIFIED).partitionedBy("day", "DAY"));

    assertThat(client().columns(ORDERS, context).columns()).endsWith(
        new TableColumn("_PARTITIONTIME", "TIMESTAMP", TypeFamily.TIMESTAMP_TZ),
        new TableColumn("_PARTITIONDATE", "DATE", TypeFamily.DATE));
    assertThat(client().columns(new TableName(null, "sales", "events"), context).columns()).hasSize(COLUMNS.size());
  }

  @Test
  void aServiceAccountKeyFromTheSecretSignsInAndIsNeverShown() throws Exception {
    ordersTable();
    String key = ServiceAccountKeys.json(server.endpoint() + FakeBigQueryServer.TOKEN_PATH);
    ConnectionSettings withKey = new ConnectionSettings("gcp", OutputFormat.BIGQUERY, server.endpoint(), null, key,
        Duration.ofSeconds(5), true, Map.of("project", PROJECT));

    BigQueryWarehouseClient client = BigQueryWarehouseClient.open(withKey, FAST);
    client.columns(ORDERS, context);

    assertThat(client.settings().credentials()).isEqualTo(BigQuerySettings.CredentialSource.SERVICE_ACCOUNT);
    assertThat(server.requests("oauth2.token")).hasSize(1);
    assertThat(server.requests("tables.get")).singleElement()
        .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeBigQueryServer.ACCESS_TOKEN));
    assertThat(withKey.toString()).doesNotContain("PRIVATE KEY");
    assertThat(client.settings().toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void anUnreadableServiceAccountKeyIsAnAuthenticationErrorThatDoesNotQuoteIt() {
    ConnectionSettings withKey = new ConnectionSettings("gcp", OutputFormat.BIGQUERY, server.endpoint(), null,
        "{\"type\": \"service_account\", \"private_key\": \"not-a-key-s3cret\"}", Duration.ofSeconds(5), true,
        Map.of("project", PROJECT));

    WarehouseException e = failure(() -> BigQueryWarehouseClient.open(withKey, FAST).columns(ORDERS, context));

    assertThat(e.failure()).isEqualTo(WarehouseFailure.AUTHENTICATION);
    assertThat(e.getMessage()).isEqualTo("the service-account key of BigQuery connection 'gcp' (password_file or"
        + " password_env) is not a valid Google credentials JSON");
    assertThat(server.requests()).isEmpty();
  }
}
