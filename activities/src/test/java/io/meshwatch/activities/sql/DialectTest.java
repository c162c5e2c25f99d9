package io.meshwatch.activities.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  }

  @Test
  void escapesStringLiterals() {
    assertThat(Dialect.DUCKDB.stringLiteral("it's")).isEqualTo("'it''s'");
    assertThat(Dialect.DUCKDB.stringLiteral("a\\b")).isEqualTo("'a\\b'");
    assertThat(Dialect.POSTGRES.stringLiteral("it's")).isEqualTo("'it''s'");
    assertThat(Dialect.POSTGRES.stringLiteral("it's a\\b")).isEqualTo("E'it''s a\\\\b'");
  }

  @Test
  void refusesNulCharacters() {
    assertThatThrownBy(() -> Dialect.POSTGRES.stringLiteral("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Dialect.DUCKDB.quoteIdentifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spellsRegexMatchingPerDialect() {
    assertThat(Dialect.DUCKDB.fullMatch("x", "[0-9]+")).isEqualTo("regexp_full_match(x, '[0-9]+')");
    assertThat(Dialect.POSTGRES.fullMatch("x", "[0-9]+")).isEqualTo("(x ~ '^(?:[0-9]+)$')");
    assertThat(Dialect.DUCKDB.containsMatch("x", "a")).isEqualTo("regexp_matches(x, 'a')");
    assertThat(Dialect.POSTGRES.containsMatch("x", "a")).isEqualTo("(x ~ 'a')");
  }

  @Test
  void countsConditionallyAndDividesWithoutIntegerDivisionOrZeroErrors() {
    assertThat(Dialect.POSTGRES.countWhere("a IS NULL")).isEqualTo("count(*) FILTER (WHERE a IS NULL)");
    assertThat(Dialect.DUCKDB.divide("a", "b")).isEqualTo("(a / NULLIF(b, 0))");
    assertThat(Dialect.POSTGRES.divide("a", "b")).isEqualTo("(CAST(a AS numeric) / NULLIF(b, 0))");
    assertThat(Dialect.POSTGRES.round("a", 2)).isEqualTo("round(CAST(a AS numeric), 2)");
  }

  @Test
  void bindsTheScopeCutoffAsTheColumnsOwnTypeInUtc() {
    Instant cutoff = Instant.parse("2024-06-07T12:30:00Z");
    assertThat(Dialect.POSTGRES.atOrAfterParameter("\"day\"")).isEqualTo("\"day\" >= ?");
    assertThat(Dialect.DUCKDB.instantParameter(cutoff, TypeFamily.DATE)).isEqualTo(LocalDate.of(2024, 6, 7));
    assertThat(Dialect.DUCKDB.instantParameter(cutoff, TypeFamily.TIMESTAMP))
        .isEqualTo(LocalDateTime.of(2024, 6, 7, 12, 30));
    assertThat(Dialect.POSTGRES.instantParameter(cutoff, TypeFamily.TIMESTAMP_TZ))
        .isEqualTo(OffsetDateTime.of(2024, 6, 7, 12, 30, 0, 0, ZoneOffset.UTC));
    assertThat(Dialect.POSTGRES.instantParameter(cutoff, TypeFamily.STRING)).isEqualTo("2024-06-07");
    assertThat(Dialect.POSTGRES.instantParameter(cutoff, TypeFamily.INTEGER)).isNull();
  }

  @Test
  void qualifiesTableNamesPartByPart() {
    assertThat(Dialect.DUCKDB.tableName(new TableName("wh", "main", "orders"))).isEqualTo("\"wh\".\"main\".\"orders\"");
    assertThat(Dialect.POSTGRES.tableName(new TableName(null, "public", "Orders"))).isEqualTo("\"public\".\"Orders\"");
  }
}
