package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.RecordingSqlLogger;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.activities.warehouse.delta.DeltaActions;
import io.meshwatch.activities.warehouse.delta.DeltaTableWriter;
import io.meshwatch.activities.warehouse.delta.DeltaWarehouseClient;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta adapter end to end, through {@link WarehouseActivitiesImpl}, on real Delta tables
 * written in each test (by Delta Kernel, or by hand where Kernel writes no such table).
 */
class DeltaWarehouseActivitiesTest {

  static final String CONNECTION = "lake";

  @TempDir
  Path directory;

  final RecordingSqlLogger scans = new RecordingSqlLogger();
  final RecordingFreshnessPolicy policy = new RecordingFreshnessPolicy();

  WarehouseActivitiesImpl activities() {
    return activities(ConnectionSettings.of(CONNECTION, OutputFormat.DELTA, null, null, null));
  }

  WarehouseActivitiesImpl activities(ConnectionSettings settings) {
    return new WarehouseActivitiesImpl(new WarehouseConnections(List.of(new WarehouseConnections.Registered(
        CONNECTION, OutputFormat.DELTA, DeltaWarehouseClient.open(settings, scans)))), policy);
  }

  DeltaTableWriter orders(String name) {
    DeltaTableWriter writer = new DeltaTableWriter(directory.resolve(name));
    writer.create(DeltaOrders.SCHEMA, List.of(), Map.of());
    return writer;
  }

  static ProductSpec spec(DeltaTableWriter table, QualitySpec quality) {
    return DeltaOrders.spec(table.path().toString(), CONNECTION, OrdersFixture.schema(), quality);
  }

  static ProductSpec unscoped(DeltaTableWriter table) {
    return spec(table, OrdersFixture.quality(null, null, null));
  }

  /** The fixture's schema without PII: every check it implies can be answered from statistics. */
  static ProductSpec countsOnly(DeltaTableWriter table) {
    List<ColumnSpec> schema = OrdersFixture.schema().stream()
        .map(c -> new ColumnSpec(c.name(), c.type(), c.nullable(), false, null))
        .toList();
    return DeltaOrders.spec(table.path().toString(), CONNECTION, schema, new QualitySpec(null, 0.9, List.of(), null,
        null, null));
  }

  static EvaluateInput evaluation(ProductSpec spec) {
    return new EvaluateInput(spec, OrdersFixture.SCHEDULED, "v1");
  }

  static Map<String, CheckResult> byId(List<CheckResult> results) {
    return results.stream().collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
  }

  /** What a result measured, without its message (which names the table). */
  static List<List<Object>> measured(List<CheckResult> results) {
    return results.stream()
        .map(r -> java.util.Arrays.<Object>asList(r.checkId(), r.outcome(), r.observed(), r.threshold(), r.violations(),
            r.rows(), r.message() == null))
        .toList();
  }

  List<String> parquetReads() {
    return scans.statements().stream().filter(sql -> sql.contains("read_parquet")).toList();
  }

  @Test
  void measuresEveryCheckExactlyAsTheDuckDbWarehouseDoes() {
    DeltaTableWriter delta = orders("orders");
    delta.append(DeltaOrders.rows(DeltaOrders.RECENT), DeltaOrders.rows(DeltaOrders.OLDER));
    DuckDbEngine duckdb = new DuckDbEngine(directory);
    duckdb.write(OrdersFixture.create("orders"));
    WarehouseActivitiesImpl warehouse = new WarehouseActivitiesImpl(
        duckdb.connections(duckdb.settings("warehouse", Duration.ofSeconds(30)), new RecordingSqlLogger()), policy);

    Evaluation fromDelta = activities().measure(evaluation(unscoped(delta)));
    Evaluation fromDuckDb = warehouse.measure(evaluation(
        OrdersFixture.spec(OutputFormat.DUCKDB, "warehouse", "orders", OrdersFixture.quality(null, null, null))));

    assertThat(measured(fromDelta.results())).isEqualTo(measured(fromDuckDb.results()));
    Map<String, CheckResult> r = byId(fromDelta.results());
    assertThat(r.get("completeness")).extracting(CheckResult::observed, CheckResult::violations, CheckResult::rows)
        .containsExactly(0.75, 2L, 8L);
    assertThat(r.get("pii:customer_id").violations()).isEqualTo(2L);
    assertThat(r.get("custom:revenue_non_negative").violations()).isEqualTo(2L);
    assertThat(r.get("custom:discount_bounded").message()).contains("column discount_pct is not in table "
        + delta.path());
    assertThat(fromDelta.scans()).isEqualTo(1);
    assertThat(fromDelta.rowsScanned()).isEqualTo(8);
    assertThat(parquetReads()).singleElement().asString()
        .startsWith("/* meshwatch */ WITH \"" + delta.path() + "\" AS (SELECT ")
        .contains("SELECT count(*) AS m0, ");
  }

  @Test
  void notNullAndCompletenessComeFromTheFileStatisticsWithoutReadingData() {
    DeltaTableWriter withStatistics = orders("with-statistics");
    withStatistics.append(DeltaOrders.rows(DeltaOrders.RECENT), DeltaOrders.rows(DeltaOrders.OLDER));
    DeltaTableWriter rowCountsOnly = orders("row-counts-only");
    rowCountsOnly.appendWithRowCountsOnly(DeltaOrders.rows(DeltaOrders.RECENT), DeltaOrders.rows(DeltaOrders.OLDER));
    WarehouseActivitiesImpl activities = activities();

    Evaluation answered = activities.measure(evaluation(countsOnly(withStatistics)));
    assertThat(answered.scans()).isZero();
    assertThat(parquetReads()).isEmpty();

    Evaluation scanned = activities.measure(evaluation(countsOnly(rowCountsOnly)));
    assertThat(scanned.scans()).isEqualTo(1);
    assertThat(parquetReads()).hasSize(1);

    assertThat(answered.results()).isEqualTo(scanned.results());
    Map<String, CheckResult> r = byId(answered.results());
    assertThat(r.get("not_null:order_id")).extracting(CheckResult::outcome, CheckResult::violations, CheckResult::rows)
        .containsExactly(Outcome.FAIL, 1L, 8L);
    assertThat(r.get("not_null:customer_id")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 1L);
    assertThat(r.get("completeness")).extracting(CheckResult::outcome, CheckResult::observed, CheckResult::violations)
        .containsExactly(Outcome.FAIL, 0.75, 2L);
    assertThat(answered.rowsScanned()).isEqualTo(8);
  }

  @Test
  void completenessOverColumnsWithNullsInTheSameFileIsScanned() {
    // One file holds both the NULL order_id and the NULL customer_id: per-column counts cannot tell
    // whether they are in one row or two.
    DeltaTableWriter oneFile = orders("one-file");
    oneFile.append(DeltaOrders.rows());
    DeltaTableWriter twoFiles = orders("two-files");
    twoFiles.append(DeltaOrders.rows(DeltaOrders.RECENT), DeltaOrders.rows(DeltaOrders.OLDER));
    WarehouseActivitiesImpl activities = activities();

    Evaluation scanned = activities.measure(evaluation(countsOnly(oneFile)));
    Evaluation answered = activities.measure(evaluation(countsOnly(twoFiles)));

    assertThat(scanned.scans()).isEqualTo(1);
    assertThat(answered.scans()).isZero();
    assertThat(scanned.results()).isEqualTo(answered.results());
  }

  @Test
  void aPartitionedTableIsReadWithItsPartitionValues() {
    DeltaTableWriter delta = new DeltaTableWriter(directory.resolve("partitioned"));
    delta.create(DeltaOrders.SCHEMA, List.of("day"), Map.of());
    delta.append(
        DeltaOrders.rows("day = DATE '2024-06-10'"), DeltaOrders.rows("day = DATE '2024-06-09'"),
        DeltaOrders.rows("day = DATE '2024-06-08'"), DeltaOrders.rows(
            "day < DATE '2024-06-08' AND day > DATE '2024-06-04'"), DeltaOrders.rows("day = DATE '2024-06-04'"),
        DeltaOrders.rows("day = DATE '2024-06-03'"));
    WarehouseActivitiesImpl activities = activities();

    Map<String, CheckResult> all = byId(activities.evaluate(evaluation(unscoped(delta))).results());
    assertThat(all.get("completeness").observed()).isEqualTo(0.75);
    assertThat(all.get("custom:orders_counted").violations()).isEqualTo(3L);

    ProductSpec scoped = spec(delta, OrdersFixture.quality(null, "day", "3d"));
    var recent = activities.evaluate(evaluation(scoped));
    Map<String, CheckResult> r = byId(recent.results());
    assertThat(recent.rowsScanned()).isEqualTo(5);
    assertThat(r.get("not_null:order_id")).extracting(CheckResult::violations, CheckResult::rows)
        .containsExactly(1L, 5L);
    assertThat(r.get("completeness")).extracting(CheckResult::observed, CheckResult::outcome)
        .containsExactly(0.6, Outcome.FAIL);
    assertThat(r.get("custom:orders_counted")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.WARN, 2L);

    // NULLs in a partition column are counted from the partition values: no data read.
    List<ColumnSpec> dayRequired = List.of(new ColumnSpec("day", "date", false, false, null));
    Evaluation days = activities.measure(evaluation(DeltaOrders.spec(delta.path().toString(), CONNECTION, dayRequired,
        QualitySpec.empty())));
    assertThat(days.scans()).isZero();
    assertThat(byId(days.results()).get("not_null:day"))
        .extracting(CheckResult::outcome, CheckResult::violations, CheckResult::rows)
        .containsExactly(Outcome.PASS, 0L, 8L);
  }

  @Test
  void aLaterScanReadsOnlyTheFilesAddedSinceTheLastOne() {
    DeltaTableWriter delta = orders("growing");
    delta.append(DeltaOrders.rows(DeltaOrders.RECENT));
    ProductSpec spec = spec(delta, new QualitySpec(null, 0.9, List.of(
        new CustomCheckSpec("revenue_non_negative", "revenue_usd >= 0", Severity.FAIL, 0)), null, null, null));
    WarehouseActivitiesImpl activities = activities();

    activities.measure(evaluation(spec));
    String first = parquetReads().getFirst();
    scans.clear();

    delta.append(DeltaOrders.rows(DeltaOrders.OLDER));
    Evaluation incremental = activities.measure(evaluation(spec));
    String second = parquetReads().getFirst();
    Evaluation full = activities().measure(evaluation(spec));

    assertThat(incremental.scans()).isEqualTo(1);
    assertThat(readParquetFiles(second)).hasSize(1).doesNotContainAnyElementsOf(readParquetFiles(first));
    assertThat(incremental.results()).isEqualTo(full.results());
    assertThat(byId(incremental.results()).get("custom:revenue_non_negative").violations()).isEqualTo(2L);
    assertThat(incremental.rowsScanned()).isEqualTo(8);

    // Asked again with nothing added: the counts are known, no data is read.
    scans.clear();
    Evaluation again = activities.measure(evaluation(spec));
    assertThat(again.scans()).isZero();
    assertThat(parquetReads()).isEmpty();
    assertThat(again.results()).isEqualTo(full.results());
  }

  @Test
  void aCompactionOrAnAggregatePredicateMakesTheScanReadEveryFile() {
    DeltaTableWriter delta = orders("compacted");
    delta.append(DeltaOrders.rows(DeltaOrders.RECENT));
    delta.append(DeltaOrders.rows(DeltaOrders.OLDER));
    ProductSpec rowChecks = spec(delta, new QualitySpec(null, 0.9, List.of(
        new CustomCheckSpec("revenue_non_negative", "revenue_usd >= 0", Severity.FAIL, 0)), null, null, null));
    WarehouseActivitiesImpl activities = activities();
    List<CheckResult> before = activities.measure(evaluation(rowChecks)).results();

    // OPTIMIZE: the two files are rewritten as one, with dataChange false.
    String compacted = delta.dataFile(DeltaOrders.rows());
    List<String> active = activeFiles(delta);
    delta.commit(DeltaActions.commitInfo("OPTIMIZE"),
        DeltaActions.remove(active.get(0), false), DeltaActions.remove(active.get(1), false),
        DeltaActions.add(compacted, delta.size(compacted), Map.of(), false, null, null));
    scans.clear();
    Evaluation afterCompaction = activities.measure(evaluation(rowChecks));

    assertThat(readParquetFiles(parquetReads().getFirst())).singleElement().asString().endsWith(compacted);
    assertThat(afterCompaction.results()).isEqualTo(before);

    ProductSpec aggregate = spec(delta, new QualitySpec(null, null, List.of(
        new CustomCheckSpec("big_revenue", "sum(revenue_usd) > 1000", Severity.FAIL, 0)), null, null, null));
    activities.measure(evaluation(aggregate));
    delta.append(DeltaOrders.rows("order_count = 0"));
    scans.clear();
    Evaluation aggregated = activities.measure(evaluation(aggregate));

    assertThat(readParquetFiles(parquetReads().getFirst())).hasSize(2);
    assertThat(byId(aggregated.results()).get("custom:big_revenue").rows()).isEqualTo(11L);
  }

  @Test
  void deletionVectorsAreRefusedForTheChecksThatReadData() throws Exception {
    DeltaTableWriter delta = new DeltaTableWriter(directory.resolve("deletion-vectors"));
    String file = delta.dataFile(DeltaOrders.rows());
    delta.commit(DeltaActions.commitInfo("CREATE TABLE"),
        DeltaActions.protocol(3, 7, List.of("deletionVectors", "timestampNtz"),
            List.of("deletionVectors", "timestampNtz")),
        DeltaActions.metaData(DeltaOrders.SCHEMA, List.of(), Map.of("delta.enableDeletionVectors", "true")),
        DeltaActions.add(file, delta.size(file), Map.of(), true,
            "{\"numRecords\":8,\"nullCount\":{\"order_id\":1,\"customer_id\":1}}", DeltaActions.deletionVector(2)));
    WarehouseActivitiesImpl activities = activities();

    Evaluation evaluation = activities.measure(evaluation(countsOnly(delta)));
    Map<String, CheckResult> r = byId(evaluation.results());

    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(evaluation.results()).filteredOn(c -> !c.checkId().equals("schema")).hasSize(3).allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(c.message()).contains("uses deletion vectors (1 of 1 active files have deleted rows);"
          + " meshwatch cannot yet apply them");
    });
    assertThat(evaluation.scans()).isZero();

    ProbeOutput probe = activities.probe(new ProbeInput(countsOnly(delta), OrdersFixture.SCHEDULED, List.of()));
    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.PASS);
    assertThat(probe.dataVersion()).startsWith("delta:");
    TableProbe metadata = DeltaWarehouseClient.open(ConnectionSettings.of(CONNECTION, OutputFormat.DELTA, null, null,
        null)).probe(new TableName(null, null, delta.path().toString()), null,
        new QueryContext(new QueryTag("meshwatch:orders/orders-daily"), new StatementTally()));
    assertThat(metadata.rowCount()).as("recorded rows less the deleted ones").isEqualTo(6L);
  }

  @Test
  void aTableThatDeclaresDeletionVectorsButHasNoneIsRead() {
    DeltaTableWriter delta = new DeltaTableWriter(directory.resolve("deletion-vectors-enabled"));
    String file = delta.dataFile(DeltaOrders.rows());
    delta.commit(DeltaActions.commitInfo("CREATE TABLE"),
        DeltaActions.protocol(3, 7, List.of("deletionVectors", "timestampNtz"),
            List.of("deletionVectors", "timestampNtz")),
        DeltaActions.metaData(DeltaOrders.SCHEMA, List.of(), Map.of("delta.enableDeletionVectors", "true")),
        DeltaActions.add(file, delta.size(file), Map.of(), true, null, null));

    Map<String, CheckResult> r = byId(activities().evaluate(evaluation(unscoped(delta))).results());

    assertThat(r.get("completeness").observed()).isEqualTo(0.75);
    assertThat(r.get("pii:email").violations()).isEqualTo(2L);
  }

  @Test
  void columnMappingIsRefusedForTheChecksThatReadData() {
    DeltaTableWriter delta = new DeltaTableWriter(directory.resolve("column-mapping"));
    String file = delta.dataFile("SELECT 'o1' AS \"col-5f2c\"");
    String schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"order_id\",\"type\":\"string\",\"nullable\":true,"
        + "\"metadata\":{\"delta.columnMapping.id\":1,\"delta.columnMapping.physicalName\":\"col-5f2c\"}}]}";
    delta.commit(DeltaActions.commitInfo("CREATE TABLE"),
        DeltaActions.protocol(3, 7, List.of("columnMapping"), List.of("columnMapping")),
        DeltaActions.metaData("6a1f0a55-3c32-4f3e-9d53-5f0d4c3c1a10", schema, List.of(),
            Map.of("delta.columnMapping.mode", "name", "delta.columnMapping.maxColumnId", "1")),
        DeltaActions.add(file, delta.size(file), Map.of(), true, null, null));
    ProductSpec spec = DeltaOrders.spec(delta.path().toString(), CONNECTION,
        List.of(new ColumnSpec("order_id", "string", false, false, null)), QualitySpec.empty());

    Map<String, CheckResult> r = byId(activities().evaluate(evaluation(spec)).results());

    assertThat(r.get("schema").outcome()).isEqualTo(Outcome.PASS);
    assertThat(r.get("not_null:order_id").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.get("not_null:order_id").message())
        .contains("uses column mapping (delta.columnMapping.mode = name); meshwatch cannot yet read");
  }

  @Test
  void aMissingTableErrorsEveryCheckAndTheProbe() {
    for (Path missing : List.of(directory.resolve("no-such-table"), directory)) {
      ProductSpec spec = DeltaOrders.spec(missing.toString(), CONNECTION, OrdersFixture.schema(),
          OrdersFixture.quality(null, null, null));
      WarehouseActivitiesImpl activities = activities();

      assertThat(activities.evaluate(evaluation(spec)).results()).hasSize(16).allSatisfy(c -> {
        assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(c.message()).isEqualTo("no Delta table at " + missing + " (no _delta_log with commits there)");
      });
      ProbeOutput probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
      assertThat(probe.dataVersion()).isNull();
      assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
      assertThat(probe.freshness().reason()).startsWith("no Delta table at " + missing);
    }
  }

  @Test
  void anObjectStoreWithoutItsHadoopFileSystemIsAnErrorThatSaysSo() {
    ProductSpec spec = DeltaOrders.spec("s3a://meshwatch-tests/orders", CONNECTION, OrdersFixture.schema(),
        OrdersFixture.quality(null, null, null));

    ProbeOutput probe = activities().probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).isEqualTo("cannot read the Delta log at s3a://meshwatch-tests/orders: the"
        + " worker has no Hadoop file system for this location's scheme (add hadoop-aws, gcs-connector or hadoop-azure"
        + " to its classpath): Class org.apache.hadoop.fs.s3a.S3AFileSystem not found");
  }

  @Test
  void freshnessComesFromTheCommitsThatChangedData() {
    DeltaTableWriter delta = orders("commits");
    Instant start = Instant.parse("2024-06-01T06:00:00Z");
    delta.commitTime(0, start.minus(Duration.ofDays(1)));
    for (int day = 0; day < 4; day++) {
      long version = delta.append(DeltaOrders.rows("order_count = " + day));
      delta.commitTime(version, start.plus(Duration.ofDays(day)));
    }
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscoped(delta);
    String before = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();

    // OPTIMIZE rewrites files without changing data: neither the last update nor the version moves.
    String compacted = delta.dataFile(DeltaOrders.rows("order_count < 4"));
    List<String> active = activeFiles(delta);
    String[] optimize = new String[active.size() + 2];
    optimize[0] = DeltaActions.commitInfo("OPTIMIZE");
    for (int i = 0; i < active.size(); i++) {
      optimize[i + 1] = DeltaActions.remove(active.get(i), false);
    }
    optimize[active.size() + 1] = DeltaActions.add(compacted, delta.size(compacted), Map.of(), false, null, null);
    delta.commitTime(delta.commit(optimize), start.plus(Duration.ofDays(4)));
    policy.seen.clear();
    ProbeOutput afterOptimize = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));

    assertThat(afterOptimize.dataVersion()).isEqualTo(before);
    assertThat(policy.seen).singleElement().satisfies(facts -> {
      assertThat(facts.lastUpdated()).isEqualTo(start.plus(Duration.ofDays(3)));
      assertThat(facts.updateHistory()).containsExactly(start, start.plus(Duration.ofDays(1)),
          start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(3)));
    });

    // A change of the table's definition moves the version, not the last update.
    delta.commitTime(delta.commit(DeltaActions.commitInfo("SET TBLPROPERTIES"),
        DeltaActions.metaData(delta.tableId(), DeltaOrders.SCHEMA.toJson(), List.of(),
            Map.of("delta.logRetentionDuration", "interval 60 days"))), start.plus(Duration.ofDays(5)));
    policy.seen.clear();
    ProbeOutput afterProperties = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    assertThat(afterProperties.dataVersion()).isNotEqualTo(before);
    assertThat(policy.seen.getFirst().lastUpdated()).isEqualTo(start.plus(Duration.ofDays(3)));

    // New data moves both.
    delta.commitTime(delta.append(DeltaOrders.rows("order_count = 4")), start.plus(Duration.ofDays(6)));
    policy.seen.clear();
    ProbeOutput afterAppend = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    assertThat(afterAppend.dataVersion()).isNotIn(before, afterProperties.dataVersion());
    assertThat(policy.seen.getFirst().lastUpdated()).isEqualTo(start.plus(Duration.ofDays(6)));
    assertThat(policy.seen.getFirst().updateHistory()).hasSize(5).endsWith(start.plus(Duration.ofDays(6)));
  }

  @Test
  void commitsRemovedByLogCleanupLeaveTheHistoryThatIsStillThere() {
    DeltaTableWriter delta = orders("cleaned-up");
    Instant start = Instant.parse("2024-06-01T06:00:00Z");
    for (int day = 0; day < 4; day++) {
      delta.commitTime(delta.append(DeltaOrders.rows("order_count = " + day)), start.plus(Duration.ofDays(day)));
    }
    delta.checkpoint();
    for (long version = 0; version <= 2; version++) {
      delta.deleteCommit(version);
    }

    activities().probe(new ProbeInput(unscoped(delta), OrdersFixture.SCHEDULED, List.of()));

    assertThat(policy.seen.getFirst().lastUpdated()).isEqualTo(start.plus(Duration.ofDays(3)));
    assertThat(policy.seen.getFirst().updateHistory())
        .containsExactly(start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(3)));
  }

  @Test
  void anUnchangedTableKeepsItsVersionToken() {
    DeltaTableWriter delta = orders("unchanged");
    delta.append(DeltaOrders.rows());
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = unscoped(delta);

    String first = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();
    String second = activities().probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();

    // The Delta token (table id, version) with the schema fingerprint every probe adds.
    assertThat(second).isEqualTo(first).matches("delta:[0-9a-f-]{36}:1#[0-9a-f]{12}");
  }

  @Test
  void inCommitTimestampsAreUsedOverFileTimes() throws Exception {
    DeltaTableWriter delta = new DeltaTableWriter(directory.resolve("in-commit-timestamps"));
    delta.create(DeltaOrders.SCHEMA, List.of(), Map.of("delta.enableInCommitTimestamps", "true"));
    long version = delta.append(DeltaOrders.rows());
    // Copying a log resets its files' times; in-commit timestamps survive that.
    delta.commitTime(version, Instant.parse("2001-01-01T00:00:00Z"));
    long inCommit = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(delta.commitText(version).lines().filter(l -> l.contains("commitInfo")).findFirst().orElseThrow())
        .get("commitInfo").get("inCommitTimestamp").asLong();

    activities().probe(new ProbeInput(unscoped(delta), OrdersFixture.SCHEDULED, List.of()));

    assertThat(policy.seen.getFirst().lastUpdated()).isEqualTo(Instant.ofEpochMilli(inCommit));
  }

  @Test
  void fileUrisAndLocalPathsNameTheSameTable() {
    DeltaTableWriter delta = orders("by-uri");
    delta.append(DeltaOrders.rows());
    WarehouseActivitiesImpl activities = activities();
    ProductSpec byPath = unscoped(delta);
    ProductSpec byUri = DeltaOrders.spec(delta.path().toUri().toString(), CONNECTION, OrdersFixture.schema(),
        OrdersFixture.quality(null, null, null));

    assertThat(byUri.output().location()).startsWith("file:///");
    assertThat(activities.probe(new ProbeInput(byUri, OrdersFixture.SCHEDULED, List.of())).dataVersion())
        .isEqualTo(activities.probe(new ProbeInput(byPath, OrdersFixture.SCHEDULED, List.of())).dataVersion());
    assertThat(measured(activities.evaluate(evaluation(byUri)).results()))
        .isEqualTo(measured(activities.evaluate(evaluation(byPath)).results()));
  }

  @Test
  void aFreshnessColumnIsReadFromTheStatisticsMaxima() {
    DeltaTableWriter withStatistics = orders("freshness-column");
    withStatistics.append(DeltaOrders.rows(DeltaOrders.RECENT), DeltaOrders.rows(DeltaOrders.OLDER));
    DeltaTableWriter rowCountsOnly = orders("freshness-column-without-maxima");
    rowCountsOnly.appendWithRowCountsOnly(DeltaOrders.rows());
    WarehouseActivitiesImpl activities = activities();

    ProbeOutput probe = activities.probe(new ProbeInput(spec(withStatistics, OrdersFixture.quality("updated_at", null,
        null)), OrdersFixture.SCHEDULED, List.of()));
    assertThat(probe.freshness().lastUpdated()).isEqualTo(OrdersFixture.LATEST_UPDATE);
    assertThat(policy.seen.getFirst().updateHistory()).containsExactly(OrdersFixture.LATEST_UPDATE);

    ProbeOutput without = activities.probe(new ProbeInput(spec(rowCountsOnly, OrdersFixture.quality("updated_at", null,
        null)), OrdersFixture.SCHEDULED, List.of()));
    assertThat(without.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(without.freshness().reason()).isEqualTo("1 of 1 data files record no maximum for the freshness column"
        + " updated_at in the Delta log; without quality.freshness_column meshwatch uses the commit times");
  }

  @Test
  void anEmptyTableHasNoRowsInScopeAndFailsCountPredicates() {
    DeltaTableWriter delta = orders("empty");
    Instant created = Instant.parse("2024-06-01T00:00:00Z");
    delta.commitTime(0, created);
    WarehouseActivitiesImpl activities = activities();

    Evaluation evaluation = activities.measure(evaluation(unscoped(delta)));
    activities.probe(new ProbeInput(unscoped(delta), OrdersFixture.SCHEDULED, List.of()));

    Map<String, CheckResult> r = byId(evaluation.results());
    assertThat(evaluation.rowsScanned()).isZero();
    assertThat(r.get("completeness").outcome()).isEqualTo(Outcome.NOT_EVALUATED);
    assertThat(r.get("custom:has_rows").outcome()).isEqualTo(Outcome.FAIL);
    assertThat(policy.seen.getFirst().lastUpdated()).isEqualTo(created);
    assertThat(policy.seen.getFirst().updateHistory()).containsExactly(created);
  }

  @Test
  void aColumnAddedAfterTheFilesWereWrittenReadsAsNull() {
    DeltaTableWriter delta = orders("evolved");
    delta.append(DeltaOrders.rows());
    String evolved = DeltaOrders.SCHEMA.add("discount_pct", io.delta.kernel.types.LongType.LONG).toJson();
    delta.commit(DeltaActions.commitInfo("ADD COLUMNS"),
        DeltaActions.metaData(delta.tableId(), evolved, List.of(), Map.of()));

    Map<String, CheckResult> r = byId(activities().evaluate(evaluation(unscoped(delta))).results());

    assertThat(r.get("custom:discount_bounded")).extracting(CheckResult::outcome, CheckResult::violations)
        .containsExactly(Outcome.PASS, 0L);
    assertThat(r.get("completeness").observed()).isEqualTo(0.75);
  }

  @Test
  void aScanPastItsTimeoutIsCancelled() {
    DeltaTableWriter delta = new DeltaTableWriter(directory.resolve("big"));
    String file = delta.dataFile("SELECT md5(CAST(i AS VARCHAR)) AS h FROM range(500000) t(i)");
    delta.commit(DeltaActions.commitInfo("CREATE TABLE"), DeltaActions.protocol(1, 2, List.of(), List.of()),
        DeltaActions.metaData(new io.delta.kernel.types.StructType().add("h", io.delta.kernel.types.StringType.STRING),
            List.of(), Map.of()),
        DeltaActions.add(file, delta.size(file), Map.of(), true, null, null));
    ProductSpec spec = DeltaOrders.spec(delta.path().toString(), CONNECTION,
        List.of(new ColumnSpec("h", "string", true, false, null)),
        new QualitySpec(null, null, List.of(new CustomCheckSpec("long", "length(lower(h)) = 32", Severity.FAIL, 0)),
            null, null, null));

    List<CheckResult> results = activities(ConnectionSettings.of(CONNECTION, OutputFormat.DELTA, null, null, null)
        .withStatementTimeout(Duration.ofMillis(20))).evaluate(evaluation(spec)).results();

    assertThat(byId(results).get("custom:long").message())
        .isEqualTo("the scan of the data files of the Delta table at " + delta.path()
            + " ran past its 20 ms timeout and was cancelled");
  }

  @Test
  void duckDbSettingsOfTheConnectionApplyToScans() {
    DeltaTableWriter delta = orders("settings");
    delta.append(DeltaOrders.rows());
    ConnectionSettings tuned = new ConnectionSettings(CONNECTION, OutputFormat.DELTA, null, null, null, null, true,
        Map.of("duckdb.threads", "1", "duckdb.memory_limit", "256MB"));
    ConnectionSettings wrong = new ConnectionSettings(CONNECTION, OutputFormat.DELTA, null, null, null, null, true,
        Map.of("duckdb.no_such_setting", "secret-value"));

    Map<String, CheckResult> ok = byId(activities(tuned).evaluate(evaluation(unscoped(delta))).results());
    Map<String, CheckResult> refused = byId(activities(wrong).evaluate(evaluation(unscoped(delta))).results());

    assertThat(ok.get("custom:revenue_non_negative").violations()).isEqualTo(2L);
    assertThat(scans.statements()).contains("SET GLOBAL threads = '1'", "SET GLOBAL memory_limit = '256MB'");
    assertThat(refused.get("custom:revenue_non_negative").message())
        .startsWith("DuckDB refused the setting duckdb.no_such_setting of Delta connection 'lake'")
        .doesNotContain("secret-value");
  }

  @Test
  void aDeltaProductWithoutAConnectionIsReadWithTheBuiltInOne() {
    DeltaTableWriter delta = orders("built-in");
    delta.append(DeltaOrders.rows());
    WarehouseActivitiesImpl activities = new WarehouseActivitiesImpl(WarehouseConnections.fromSettings(List.of(
        ConnectionSettings.of("default", OutputFormat.DUCKDB, "jdbc:duckdb:", null, null))), policy);
    ProductSpec spec = DeltaOrders.spec(delta.path().toString(), null, OrdersFixture.schema(),
        OrdersFixture.quality(null, null, null));

    assertThat(byId(activities.evaluate(evaluation(spec)).results()).get("completeness").observed()).isEqualTo(0.75);
  }

  /** The paths of the active files, relative to the table, from the latest commits that added them. */
  static List<String> activeFiles(DeltaTableWriter table) {
    java.util.Set<String> active = new java.util.LinkedHashSet<>();
    for (long version = 0; version <= table.latestVersion(); version++) {
      for (String line : table.commitText(version).split("\n")) {
        var matcher = java.util.regex.Pattern.compile("\"(add|remove)\":\\{\"path\":\"([^\"]+)\"").matcher(line);
        if (matcher.find()) {
          if (matcher.group(1).equals("add")) {
            active.add(matcher.group(2));
          } else {
            active.remove(matcher.group(2));
          }
        }
      }
    }
    return List.copyOf(active);
  }

  /** The file paths a scan's read_parquet lists name. */
  static List<String> readParquetFiles(String sql) {
    List<String> files = new java.util.ArrayList<>();
    var matcher = java.util.regex.Pattern.compile("'([^']+\\.parquet)'").matcher(sql);
    while (matcher.find()) {
      files.add(matcher.group(1));
    }
    return files;
  }
}
