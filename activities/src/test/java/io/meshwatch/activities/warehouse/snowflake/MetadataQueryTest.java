package io.meshwatch.activities.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.MetadataAnswer;
import io.meshwatch.activities.warehouse.TableColumn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataQueryTest {

  private static final Instant ALTERED = Instant.parse("2024-06-10T06:00:00Z");

  private static CatalogRow row(String schema, String table, String column, String type, Integer precision,
      Integer scale, Integer ordinal) {
    return new CatalogRow("SALES", schema, table, "BASE TABLE", ALTERED, 10L, 2048L, column, type, precision, scale,
        ordinal);
  }

  @Test
  void readsEveryDatabaseInOneStatementWithNamesBoundInEverySpelling() {
    MetadataQuery query = MetadataQuery.of(List.of(
        new TableKey("SALES", "public", "orders"),
        new TableKey("FINANCE", "LEDGER", "Entries"),
        new TableKey("SALES", "public", "refunds")));

    assertThat(query.sql()).isEqualTo("""
        /* meshwatch */ SELECT t.TABLE_CATALOG, t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE,\
         DATE_PART(EPOCH_NANOSECOND, t.LAST_ALTERED), t.ROW_COUNT, t.BYTES, c.COLUMN_NAME, c.DATA_TYPE,\
         c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.ORDINAL_POSITION
        FROM "FINANCE".INFORMATION_SCHEMA.TABLES t
        LEFT JOIN "FINANCE".INFORMATION_SCHEMA.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA\
         AND c.TABLE_NAME = t.TABLE_NAME AND c.TABLE_SCHEMA IN (?, ?) AND c.TABLE_NAME IN (?, ?, ?)
        WHERE t.TABLE_SCHEMA IN (?, ?) AND t.TABLE_NAME IN (?, ?, ?)
        UNION ALL
        SELECT t.TABLE_CATALOG, t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE,\
         DATE_PART(EPOCH_NANOSECOND, t.LAST_ALTERED), t.ROW_COUNT, t.BYTES, c.COLUMN_NAME, c.DATA_TYPE,\
         c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.ORDINAL_POSITION
        FROM "SALES".INFORMATION_SCHEMA.TABLES t
        LEFT JOIN "SALES".INFORMATION_SCHEMA.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA\
         AND c.TABLE_NAME = t.TABLE_NAME AND c.TABLE_SCHEMA IN (?, ?) AND c.TABLE_NAME IN (?, ?, ?, ?)
        WHERE t.TABLE_SCHEMA IN (?, ?) AND t.TABLE_NAME IN (?, ?, ?, ?)""");
    List<String> finance = List.of("LEDGER", "ledger", "Entries", "ENTRIES", "entries");
    List<String> sales = List.of("public", "PUBLIC", "orders", "ORDERS", "refunds", "REFUNDS");
    assertThat(query.parameters()).containsExactlyElementsOf(
        java.util.stream.Stream.of(finance, finance, sales, sales).flatMap(List::stream).toList());
  }

  @Test
  void matchesTheExactSpellingFirstThenTheOnlyOneIgnoringCase() throws Exception {
    TableKey lower = new TableKey("SALES", "public", "orders");
    TableKey quoted = new TableKey("SALES", "public", "Quoted");
    MetadataQuery query = MetadataQuery.of(List.of(lower, quoted));

    Map<TableKey, MetadataAnswer<TableMetadata>> found = query.read(List.of(
        row("PUBLIC", "ORDERS", "AMOUNT", "NUMBER", 12, 2, 2),
        row("PUBLIC", "ORDERS", "ID", "NUMBER", 38, 0, 1),
        row("PUBLIC", "ORDERS", "NOTE", "TEXT", null, null, 3),
        row("public", "Quoted", "x", "TEXT", null, null, 1)), "sf");

    TableMetadata f = found.get(lower).orThrow();
    assertThat(f.table().name().display()).isEqualTo("SALES.PUBLIC.ORDERS");
    assertThat(f.table().columns()).containsExactly(
        new TableColumn("ID", "NUMBER(38,0)"), new TableColumn("AMOUNT", "NUMBER(12,2)"),
        new TableColumn("NOTE", "TEXT"));
    assertThat(f.lastUpdated()).isEqualTo(ALTERED);
    assertThat(f.dataVersion()).isEqualTo("snowflake:" + ALTERED.getEpochSecond() * 1_000_000_000L
        + ":10:2048");
    assertThat(found.get(quoted).orThrow().table().name().display()).isEqualTo("SALES.public.Quoted");
  }

  @Test
  void namesThatMatchSeveralTablesOnlyIgnoringCaseAreAmbiguous() {
    TableKey mixed = new TableKey("SALES", "PUBLIC", "Orders");
    TableKey exact = new TableKey("SALES", "PUBLIC", "orders");
    MetadataQuery query = MetadataQuery.of(List.of(mixed, exact));
    List<CatalogRow> rows = List.of(row("PUBLIC", "ORDERS", "ID", "TEXT", null, null, 1),
        row("PUBLIC", "orders", "id", "TEXT", null, null, 1));

    Map<TableKey, MetadataAnswer<TableMetadata>> found = query.read(rows, "sf");

    assertThat(found.get(mixed)).isEqualTo(MetadataAnswer.Failed.notFound("table SALES.PUBLIC.Orders matches 2 tables that"
        + " differ only in case (SALES.PUBLIC.ORDERS, SALES.PUBLIC.orders); write the name exactly as Snowflake has it"));
    assertThat(found.get(exact)).isInstanceOf(MetadataAnswer.Found.class);
  }

  @Test
  void aTableTheCatalogDoesNotListIsMissingWithTheReason() {
    TableKey gone = new TableKey("SALES", "PUBLIC", "gone");

    assertThat(MetadataQuery.of(List.of(gone)).read(List.of(), "sf").get(gone)).isEqualTo(MetadataAnswer.Failed.notFound(
        "table SALES.PUBLIC.gone does not exist in Snowflake connection 'sf', or its role is not granted access to it"));
  }

  @Test
  void aTableWithoutVisibleColumnsStillHasItsMetadata() throws Exception {
    TableKey key = new TableKey("SALES", "PUBLIC", "ORDERS");

    MetadataAnswer<TableMetadata> found = MetadataQuery.of(List.of(key)).read(List.of(row("PUBLIC", "ORDERS", null, null, null, null,
        null)), "sf").get(key);

    assertThat(found.orThrow().table().columns()).isEmpty();
  }

  @Test
  void viewsAndExternalTablesHaveNoVersionFromMetadata() {
    var table = new io.meshwatch.activities.warehouse.ResolvedTable(
        new io.meshwatch.activities.sql.TableName("SALES", "PUBLIC", "V"), List.of());

    assertThat(new TableMetadata(table, "VIEW", ALTERED, null, null).dataVersion()).isNull();
    assertThat(new TableMetadata(table, "EXTERNAL TABLE", ALTERED, null, null).lastUpdated()).isNull();
    assertThat(new TableMetadata(table, "MATERIALIZED VIEW", ALTERED, 3L, 9L).dataVersion()).isNull();
    assertThat(new TableMetadata(table, "TEMPORARY TABLE", ALTERED, 3L, 9L).dataVersion()).isNotNull();
  }

  @Test
  void foldsADatabaseNameAsSnowflakeFoldsAnUnquotedIdentifier() {
    assertThat(SnowflakeNames.database("domain_orders")).isEqualTo("DOMAIN_ORDERS");
    assertThat(SnowflakeNames.database("Sales$2")).isEqualTo("SALES$2");
    assertThat(SnowflakeNames.database("my-db")).isEqualTo("my-db");
    assertThat(SnowflakeNames.spellings("Orders")).containsExactly("Orders", "ORDERS", "orders");
    assertThat(SnowflakeNames.spellings("ORDERS")).containsExactly("ORDERS", "orders");
  }
}
