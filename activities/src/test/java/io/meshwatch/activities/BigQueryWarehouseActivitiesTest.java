package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.activities.warehouse.bigquery.BigQueryTuning;
import io.meshwatch.activities.warehouse.bigquery.BigQueryWarehouseClient;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.Column;
import io.meshwatch.activities.warehouse.bigquery.FakeBigQueryServer.TableResource;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warehouse activities on BigQuery, end to end through the real Google client and a local
 * server that answers as BigQuery would for the orders fixture: every check measured from one
 * scan, the scan's bytes carried to the activity's output, and every expected failure an ERROR
 * result with its reason, never an exception.
 */
class BigQueryWarehouseActivitiesTest {

  static final Instant MODIFIED = Instant.parse("2024-06-10T06:00:00Z");
  static final List<Column> ORDERS_COLUMNS = List.of(
      Column.of("order_id", "STRING"), Column.of("customer_id", "STRING"), Column.of("email", "STRING"),
      Column.of("ssn", "STRING"), Column.of("card_token", "STRING"), Column.of("revenue_usd", "NUMERIC"),
      Column.of("order_count", "INTEGER"), Column.of("day", "DATE"), Column.of("updated_at", "TIMESTAMP"));
  /**
   * The scan's answer over the fixture's five rows from 2024-06-08 on, column by column: rows, the
   * two NULL counts, complete rows, the three PII violation counts, the two custom row predicates,
   * the two aggregate predicates, then the last three row predicates.
   */
  static final List<String> SCOPED_ROW = Arrays.asList("5", "1", "1", "3", "1", "1", "1", "1", "2", "true", "false", "0",
      "0", "0");

  final FakeBigQueryServer server = FakeBigQueryServer.start();
  final RecordingFreshnessPolicy policy = new RecordingFreshnessPolicy();

  @AfterEach
  void stop() {
    server.close();
  }

  WarehouseActivitiesImpl activities() {
    ConnectionSettings settings = new ConnectionSettings("gcp", OutputFormat.BIGQUERY, server.endpoint(), null, null,
        Duration.ofSeconds(10), true, Map.of("project", "billing-project", "credentials", "none"));
    BigQueryTuning fast = new BigQueryTuning(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(200));
    return new WarehouseActivitiesImpl(new WarehouseConnections(List.of(new WarehouseConnections.Registered("gcp",
        OutputFormat.BIGQUERY, BigQueryWarehouseClient.open(settings, fast)))), policy);
  }

  static ProductSpec spec(QualitySpec quality) {
    OutputSpec output = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, "orders", "data-project", "sales",
        "gcp");
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", "jane.smith@company.com",
        "Daily orders", output, OrdersFixture.schema(), quality, List.of(), null, null, null);
  }

  static ProductSpec scopedSpec() {
    return spec(OrdersFixture.quality(null, "day", "3d"));
  }

  void ordersTable() {
    server.putTable(TableResource.table("data-project", "sales", "orders", ORDERS_COLUMNS, 8, 2048, MODIFIED)
        .partitionedBy("day", "DAY"));
  }

  static Map<String, CheckResult> byId(List<CheckResult> results) {
    return results.stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
  }

  @Test
  void measuresEveryCheckFromOneScanOfTheScopedPartitionsAndCarriesItsBytes() {
    ordersTable();
    server.answer(request -> FakeBigQueryServer.scanAnswer(request, SCOPED_ROW, 3_000_000));

    Evaluation evaluation = activities().measure(new EvaluateInput(scopedSpec(), OrdersFixture.SCHEDULED, "v1"));
    Map<String, CheckResult> r = byId(evaluation.results());

    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("not_null:order_id")).extracting(CheckResult::outcome, CheckResult::violations, CheckResult::rows)
        .containsExactly(Outcome.FAIL, 1L, 5L);
    assertThat(r.get("completeness")).extracting(CheckResult::observed, CheckResult::outcome)
        .containsExactly(0.6, Outcome.FAIL);
    assertThat(r.get("pii:customer_id").violations()).isEqualTo(1L);
    assertThat(r.get("pii:card_token").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("custom:orders_counted")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.WARN, 2L);
    assertThat(r.get("custom:has_rows").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("custom:big_revenue").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(r.get("custom:discount_bounded").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.get("custom:revenue_per_order").outcome()).isEqualTo(Outcome.PASS);

    // One tables.get, one dry run, one scan job; the scan reads only partitions from the cutoff on.
    assertThat(evaluation.scans()).isEqualTo(1);
    assertThat(evaluation.metadataQueries()).isEqualTo(2);
    assertThat(evaluation.rowsScanned()).isEqualTo(5);
    List<FakeBigQueryServer.Request> inserts = server.requests("jobs.insert");
    assertThat(inserts).hasSize(2);
    assertThat(inserts.get(1).queryConfiguration().path("query").asText())
        .startsWith("/* meshwatch */ SELECT count(*) AS m0, COUNTIF(`order_id` IS NULL) AS m1,")
        .endsWith(" FROM `data-project`.`sales`.`orders` WHERE `day` >= ?");
    assertThat(inserts.get(1).queryConfiguration().path("queryParameters").get(0).path("parameterValue")
        .path("value").asText()).isEqualTo("2024-06-07");
    assertThat(evaluation.bytesProcessed()).isEqualTo(3_000_000);
    assertThat(evaluation.bytesBilled()).isEqualTo(10L << 20);
    EvaluateOutput output = evaluation.toOutput();
    assertThat(output.queries()).isEqualTo(3);
    assertThat(output.bytesProcessed()).isEqualTo(3_000_000);
    assertThat(output.bytesBilled()).isEqualTo(10L << 20);
  }

  @Test
  void aScanOverTheCapIsAnErrorForEachScanCheckWhileTheSchemaResultStands() {
    ordersTable();
    server.answer(request -> FakeBigQueryServer.scanAnswer(request, SCOPED_ROW, 20L << 30));

    EvaluateOutput output = activities().evaluate(new EvaluateInput(scopedSpec(), OrdersFixture.SCHEDULED, "v1"));
    Map<String, CheckResult> r = byId(output.results());

    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("completeness").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.get("completeness").message()).startsWith("the scan would process 20.0 GiB (21474836480 bytes), more"
        + " than the 10.0 GiB (10737418240 bytes) that BigQuery connection 'gcp' allows one query to bill");
    assertThat(output.results()).filteredOn(c -> c.outcome() == Outcome.FAIL).isEmpty();
    assertThat(output.scans()).isZero();
    assertThat(output.bytesBilled()).isZero();
    assertThat(server.requests("jobs.insert")).singleElement().satisfies(i -> assertThat(i.dryRun()).isTrue());
  }

  @Test
  void aQuotaErrorMakesTheProbeAndEveryCheckAnErrorWithoutAnException() {
    ordersTable();
    server.fail("GET", ".*/tables/orders", 403, "quotaExceeded", "Quota exceeded: too many tables.get", 100);
    WarehouseActivitiesImpl activities = activities();

    ProbeOutput probe = activities.probe(new ProbeInput(scopedSpec(), OrdersFixture.SCHEDULED, List.of()));
    EvaluateOutput output = activities.evaluate(new EvaluateInput(scopedSpec(), OrdersFixture.SCHEDULED, "v1"));

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).contains("(HTTP 403, quotaExceeded)");
    assertThat(probe.dataVersion()).isNull();
    assertThat(output.results()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(c.message()).contains("quota or rate limit of project billing-project");
    });
    // One request per call: quotaExceeded is not retried.
    assertThat(server.requests("tables.get")).hasSize(2);
  }

  @Test
  void probeTakesVersionAndFreshnessFromTableMetadata() {
    ordersTable();

    ProbeOutput probe = activities().probe(new ProbeInput(scopedSpec(), OrdersFixture.SCHEDULED, List.of()));

    // The table's metadata token, then the schema fingerprint every probe adds.
    assertThat(probe.dataVersion()).matches("bigquery:" + MODIFIED.toEpochMilli() + ":8:2048#[0-9a-f]{12}");
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.PASS);
    assertThat(policy.seen).singleElement().satisfies(f -> assertThat(f.lastUpdated()).isEqualTo(MODIFIED));
    assertThat(server.requests("jobs.insert")).isEmpty();
  }
}
