package io.meshwatch.activities.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.expr.RowFunction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void quotesIdentifiersAndDoublesEmbeddedQuotes() {
    assertThat(Dialect.DUCKDB.quoteIdentifier("order_id")).isEqualTo("\"order_id\"");
    assertThat(Dialect.POSTGRES.quoteIdentifier("we\"ird Col")).isEqualTo("\"we\"\"ird Col\"");
    // Snowflake keeps the catalog's exact spelling when quoted: ORDER_ID, not order_id.
    assertThat(Dialect.SNOWFLAKE.quoteIdentifier("ORDER_ID")).isEqualTo("\"ORDER_ID\"");
    assertThat(Dialect.SNOWFLAKE.quoteIdentifier("we\"ird Col")).isEqualTo("\"we\"\"ird Col\"");
  }

  @Test
  void escapesStringLiterals() {
    assertThat(Dialect.DUCKDB.stringLiteral("it's")).isEqualTo("'it''s'");
    assertThat(Dialect.DUCKDB.stringLiteral("a\\b")).isEqualTo("'a\\b'");
    assertThat(Dialect.POSTGRES.stringLiteral("it's")).isEqualTo("'it''s'");
    assertThat(Dialect.POSTGRES.stringLiteral("it's a\\b")).isEqualTo("E'it''s a\\\\b'");
    // Snowflake reads \b in a literal as a backspace, so the backslash is doubled.
    assertThat(Dialect.SNOWFLAKE.stringLiteral("it's a\\b")).isEqualTo("'it''s a\\\\b'");
    assertThat(Dialect.SNOWFLAKE.stringLiteral("meshwatch:orders/orders-daily")).isEqualTo("'meshwatch:orders/orders-daily'");
  }

  @Test
  void refusesNulCharacters() {
    assertThatThrownBy(() -> Dialect.POSTGRES.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Dialect.DUCKDB.quoteIdentifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Dialect.SNOWFLAKE.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spellsRegexMatchingPerDialect() {
    assertThat(Dialect.DUCKDB.fullMatch("x", "[0-9]+")).isEqualTo("regexp_full_match(x, '[0-9]+')");
    assertThat(Dialect.POSTGRES.fullMatch("x", "[0-9]+")).isEqualTo("(x ~ '^(?:[0-9]+)$')");
    assertThat(Dialect.DUCKDB.containsMatch("x", "a")).isEqualTo("regexp_matches(x, 'a')");
    assertThat(Dialect.POSTGRES.containsMatch("x", "a")).isEqualTo("(x ~ 'a')");
    assertThat(Dialect.SNOWFLAKE.fullMatch("x", "a|\\[b\\]")).isEqualTo("REGEXP_LIKE(x, '^(a|\\\\[b\\\\])$')");
    assertThat(Dialect.SNOWFLAKE.containsMatch("x", "[*#Xx]{3}")).isEqualTo("(REGEXP_INSTR(x, '[*#Xx]{3}') > 0)");
  }

  @Test
  void countsConditionallyAndDividesWithoutIntegerDivisionOrZeroErrors() {
    assertThat(Dialect.POSTGRES.countWhere("a IS NULL")).isEqualTo("count(*) FILTER (WHERE a IS NULL)");
    assertThat(Dialect.DUCKDB.divide("a", "b")).isEqualTo("(a / NULLIF(b, 0))");
    assertThat(Dialect.POSTGRES.divide("a", "b")).isEqualTo("(CAST(a AS numeric) / NULLIF(b, 0))");
    assertThat(Dialect.POSTGRES.round("a", 2)).isEqualTo("round(CAST(a AS numeric), 2)");
    assertThat(Dialect.SNOWFLAKE.countWhere("a IS NULL")).isEqualTo("COUNT_IF(a IS NULL)");
    assertThat(Dialect.SNOWFLAKE.divide("a", "b")).isEqualTo("(a / NULLIF(b, 0))");
    assertThat(Dialect.SNOWFLAKE.modulo("a", "b")).isEqualTo("(a % NULLIF(b, 0))");
    assertThat(Dialect.SNOWFLAKE.round("a", 2)).isEqualTo("round(a, 2)");
    assertThat(Dialect.SNOWFLAKE.asText("a")).isEqualTo("CAST(a AS VARCHAR)");
  }

  @Test
  void widensIntegersWhereTheEngineWouldOverflowFirst() {
    assertThat(Dialect.DUCKDB.widenInteger("q")).isEqualTo("CAST(q AS HUGEINT)");
    assertThat(Dialect.POSTGRES.widenInteger("q")).isEqualTo("CAST(q AS numeric)");
    assertThat(Dialect.SNOWFLAKE.widenInteger("q")).isEqualTo("q");
  }

  @Test
  void leastAndGreatestSkipNullsOnEveryEngine() {
    assertThat(Dialect.POSTGRES.functionName(RowFunction.GREATEST)).isEqualTo("greatest");
    assertThat(Dialect.SNOWFLAKE.functionName(RowFunction.GREATEST))
        .isEqualTo("greatest_ignore_nulls");
    assertThat(Dialect.SNOWFLAKE.functionName(RowFunction.LEAST))
        .isEqualTo("least_ignore_nulls");
    assertThat(Dialect.SNOWFLAKE.functionName(RowFunction.LENGTH)).isEqualTo("length");
  }

  @Test
  void bindsTheScopeCutoffAsTheColumnsOwnTypeInUtc() {
    Instant cutoff = Instant.parse("2024-06-07T12:30:00Z");
    assertThat(Dialect.POSTGRES.atOrAfterParameter("\"day\"", TypeFamily.DATE)).isEqualTo("\"day\" >= ?");
    assertThat(Dialect.DUCKDB.instantParameter(cutoff, TypeFamily.DATE)).isEqualTo(LocalDate.of(2024, 6, 7));
    assertThat(Dialect.DUCKDB.instantParameter(cutoff, TypeFamily.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 6, 7, 12, 30));
    assertThat(Dialect.POSTGRES.instantParameter(cutoff, TypeFamily.TIMESTAMP_TZ))
        .isEqualTo(OffsetDateTime.of(2024, 6, 7, 12, 30, 0, 0, ZoneOffset.UTC));
    assertThat(Dialect.POSTGRES.instantParameter(cutoff, TypeFamily.STRING)).isEqualTo("2024-06-07");
    assertThat(Dialect.POSTGRES.instantParameter(cutoff, TypeFamily.INTEGER)).isNull();
  }

  @Test
  void bindsTheSnowflakeCutoffAsTextConvertedWithAnExplicitFormat() {
    Instant cutoff = Instant.parse("2024-06-07T12:30:00.123456789Z");
    assertThat(Dialect.SNOWFLAKE.atOrAfterParameter("\"DAY\"", TypeFamily.DATE))
        .isEqualTo("\"DAY\" >= TO_DATE(?, 'YYYY-MM-DD')");
    assertThat(Dialect.SNOWFLAKE.instantParameter(cutoff, TypeFamily.DATE)).isEqualTo("2024-06-07");
    assertThat(Dialect.SNOWFLAKE.atOrAfterParameter("\"AT\"", TypeFamily.TIMESTAMP))
        .isEqualTo("\"AT\" >= TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9')");
    assertThat(Dialect.SNOWFLAKE.instantParameter(cutoff, TypeFamily.TIMESTAMP)).isEqualTo("2024-06-07 12:30:00.123456789");
    assertThat(Dialect.SNOWFLAKE.atOrAfterParameter("\"AT\"", TypeFamily.TIMESTAMP_TZ))
        .isEqualTo("\"AT\" >= TO_TIMESTAMP_TZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')");
    assertThat(Dialect.SNOWFLAKE.instantParameter(cutoff, TypeFamily.TIMESTAMP_TZ))
        .isEqualTo("2024-06-07 12:30:00.123456789 +00:00");
    assertThat(Dialect.SNOWFLAKE.atOrAfterParameter("\"D\"", TypeFamily.STRING)).isEqualTo("\"D\" >= ?");
    assertThat(Dialect.SNOWFLAKE.instantParameter(cutoff, TypeFamily.STRING)).isEqualTo("2024-06-07");
    assertThat(Dialect.SNOWFLAKE.instantParameter(cutoff, TypeFamily.DECIMAL)).isNull();
  }

  @Test
  void quotesBigQueryIdentifiersAndLiteralsWithBackslashEscapes() {
    assertThat(Dialect.BIGQUERY.quoteIdentifier("order_id")).isEqualTo("`order_id`");
    assertThat(Dialect.BIGQUERY.quoteIdentifier("we`ird\\col")).isEqualTo("`we\\`ird\\\\col`");
    assertThat(Dialect.BIGQUERY.stringLiteral("it's")).isEqualTo("'it\\'s'");
    assertThat(Dialect.BIGQUERY.stringLiteral("a\\b")).isEqualTo("'a\\\\b'");
    // A line break or another control character cannot end the literal early or hide in it.
    assertThat(Dialect.BIGQUERY.stringLiteral("a\nb\u0001")).isEqualTo("'a\\nb\\x01'");
    assertThatThrownBy(() -> Dialect.BIGQUERY.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spellsBigQuerysFunctions() {
    assertThat(Dialect.BIGQUERY.fullMatch("x", "[0-9]+")).isEqualTo("REGEXP_CONTAINS(x, '^(?:[0-9]+)$')");
    assertThat(Dialect.BIGQUERY.containsMatch("x", "a")).isEqualTo("REGEXP_CONTAINS(x, 'a')");
    assertThat(Dialect.BIGQUERY.asText("x")).isEqualTo("CAST(x AS STRING)");
    assertThat(Dialect.BIGQUERY.countWhere("a IS NULL")).isEqualTo("COUNTIF(a IS NULL)");
    assertThat(Dialect.BIGQUERY.divide("a", "b")).isEqualTo("SAFE_DIVIDE(a, b)");
    assertThat(Dialect.BIGQUERY.widenInteger("a")).isEqualTo("CAST(a AS BIGNUMERIC)");
    assertThat(Dialect.BIGQUERY.modulo("a", "b")).isEqualTo("MOD(CAST(a AS BIGNUMERIC), NULLIF(CAST(b AS BIGNUMERIC), 0))");
    assertThat(Dialect.BIGQUERY.round("a", 2)).isEqualTo("ROUND(a, 2)");
    assertThat(Dialect.BIGQUERY.like("x", "a\\_%", false)).isEqualTo("(x LIKE 'a\\\\_%')");
    assertThat(Dialect.BIGQUERY.like("x", "A%", true)).isEqualTo("(LOWER(x) LIKE LOWER('A%'))");
    assertThat(Dialect.BIGQUERY.atOrAfterParameter("`day`", TypeFamily.DATE)).isEqualTo("`day` >= ?");
  }

  @Test
  void writesBigQueryDateAndTimestampLiteralsAsStringsThatCoerceToTheColumnsType() {
    assertThat(Dialect.BIGQUERY.dateLiteral("2024-01-31")).isEqualTo("'2024-01-31'");
    assertThat(Dialect.BIGQUERY.timestampLiteral("2024-01-31 06:00:00.000000")).isEqualTo("'2024-01-31 06:00:00.000000'");
    assertThat(Dialect.DUCKDB.dateLiteral("2024-01-31")).isEqualTo("DATE '2024-01-31'");
    assertThat(Dialect.POSTGRES.timestampLiteral("2024-01-31 06:00:00.000000"))
        .isEqualTo("TIMESTAMP '2024-01-31 06:00:00.000000'");
  }

  @Test
  void bindsBigQueryCutoffsInTheColumnsOwnType() {
    Instant cutoff = Instant.parse("2024-06-07T12:30:00Z");
    assertThat(Dialect.BIGQUERY.instantParameter(cutoff, TypeFamily.DATE)).isEqualTo(LocalDate.of(2024, 6, 7));
    assertThat(Dialect.BIGQUERY.instantParameter(cutoff, TypeFamily.TIMESTAMP)).isEqualTo(LocalDateTime.of(2024, 6, 7, 12, 30));
    assertThat(Dialect.BIGQUERY.instantParameter(cutoff, TypeFamily.TIMESTAMP_TZ))
        .isEqualTo(OffsetDateTime.of(2024, 6, 7, 12, 30, 0, 0, ZoneOffset.UTC));
    assertThat(Dialect.BIGQUERY.instantParameter(cutoff, TypeFamily.BOOLEAN)).isNull();
  }

  @Test
  void qualifiesBigQueryTablesAsProjectDatasetTable() {
    assertThat(Dialect.BIGQUERY.tableName(new TableName("example.com:my-project", "sales", "orders")))
        .isEqualTo("`example.com:my-project`.`sales`.`orders`");
  }

  @Test
  void qualifiesTableNamesPartByPart() {
    assertThat(Dialect.DUCKDB.tableName(new TableName("wh", "main", "orders"))).isEqualTo("\"wh\".\"main\".\"orders\"");
    assertThat(Dialect.POSTGRES.tableName(new TableName(null, "public", "Orders"))).isEqualTo("\"public\".\"Orders\"");
  }
}
