package io.meshwatch.activities.sql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The SQL dialects meshwatch renders. Every dialect-specific spelling lives here, behind exhaustive
 * switches, so adding a dialect (Snowflake, BigQuery) is a compile error at each place that must
 * learn it. Nothing here accepts SQL text from a spec: callers pass names, values and fragments
 * that were themselves rendered from meshwatch's own expression tree.
 */
public enum Dialect {
  DUCKDB,
  POSTGRES;

  /** A leading comment on every warehouse statement: a constant, never spec text. */
  public static final String STATEMENT_LABEL = "/* meshwatch */";

  /** An identifier, always quoted so that case and reserved words are kept exactly. */
  public String quoteIdentifier(String name) {
    requireNoNul(name);
    return switch (this) {
      case DUCKDB, POSTGRES -> "\"" + name.replace("\"", "\"\"") + "\"";
    };
  }

  /**
   * A string literal. PostgreSQL reads backslashes in plain literals as escapes when
   * {@code standard_conforming_strings} is off, so a value with a backslash is written as an
   * escape string ({@code E'...'}), whose meaning does not depend on that setting.
   */
  public String stringLiteral(String value) {
    requireNoNul(value);
    String quoted = value.replace("'", "''");
    return switch (this) {
      case DUCKDB -> "'" + quoted + "'";
      case POSTGRES -> value.indexOf('\\') >= 0 ? "E'" + quoted.replace("\\", "\\\\") + "'" : "'" + quoted + "'";
    };
  }

  /** True when the whole of {@code text} matches {@code regex} (RE2 / POSIX ARE common subset). */
  public String fullMatch(String text, String regex) {
    return switch (this) {
      case DUCKDB -> "regexp_full_match(" + text + ", " + stringLiteral(regex) + ")";
      case POSTGRES -> "(" + text + " ~ " + stringLiteral("^(?:" + regex + ")$") + ")";
    };
  }

  /** True when some part of {@code text} matches {@code regex}. */
  public String containsMatch(String text, String regex) {
    return switch (this) {
      case DUCKDB -> "regexp_matches(" + text + ", " + stringLiteral(regex) + ")";
      case POSTGRES -> "(" + text + " ~ " + stringLiteral(regex) + ")";
    };
  }

  /** A value as text, for rules on a column's textual form. */
  public String asText(String value) {
    return switch (this) {
      case DUCKDB -> "CAST(" + value + " AS VARCHAR)";
      case POSTGRES -> "CAST(" + value + " AS text)";
    };
  }

  /** The number of rows in scope for which {@code condition} is true (NULL counts as not true). */
  public String countWhere(String condition) {
    return switch (this) {
      case DUCKDB, POSTGRES -> "count(*) FILTER (WHERE " + condition + ")";
    };
  }

  /**
   * Division with the same meaning everywhere: never integer division, and NULL (not an error) for
   * a zero divisor, like a comparison with NULL.
   */
  public String divide(String dividend, String divisor) {
    return switch (this) {
      case DUCKDB -> "(" + dividend + " / NULLIF(" + divisor + ", 0))";
      case POSTGRES -> "(CAST(" + dividend + " AS numeric) / NULLIF(" + divisor + ", 0))";
    };
  }

  /**
   * An integer operand of +, - or *, widened so that the arithmetic cannot overflow where a
   * mathematician would not: PostgreSQL's numeric is exact and unbounded, DuckDB's HUGEINT holds
   * 128 bits. Without it, {@code qty * 3000000000} would fail the whole fused scan.
   */
  public String widenInteger(String operand) {
    return switch (this) {
      case DUCKDB -> "CAST(" + operand + " AS HUGEINT)";
      case POSTGRES -> "CAST(" + operand + " AS numeric)";
    };
  }

  /** The remainder, NULL for a zero divisor. */
  public String modulo(String dividend, String divisor) {
    return switch (this) {
      case DUCKDB, POSTGRES -> "(" + dividend + " % NULLIF(" + divisor + ", 0))";
    };
  }

  /** {@code round(x, digits)}; PostgreSQL rounds to digits only on numeric, not on double. */
  public String round(String value, int digits) {
    return switch (this) {
      case DUCKDB -> "round(" + value + ", " + digits + ")";
      case POSTGRES -> "round(CAST(" + value + " AS numeric), " + digits + ")";
    };
  }

  /** A LIKE with backslash as the escape character, spelled so that every dialect agrees. */
  public String like(String value, String pattern, boolean caseInsensitive) {
    String operator = caseInsensitive ? " ILIKE " : " LIKE ";
    return switch (this) {
      case DUCKDB, POSTGRES -> "(" + value + operator + stringLiteral(pattern) + " ESCAPE " + stringLiteral("\\") + ")";
    };
  }

  /** The condition that keeps rows at or after a bound parameter ({@code ?}). */
  public String atOrAfterParameter(String column) {
    return switch (this) {
      case DUCKDB, POSTGRES -> column + " >= ?";
    };
  }

  /**
   * The value to bind against a partition column of the given family for an instant, compared in
   * UTC: a date column gets the UTC date, a timestamp without zone the UTC wall time, a text column
   * the ISO date (which orders correctly against ISO dates and date-times), or null when the family
   * cannot be compared with an instant.
   */
  public Object instantParameter(Instant instant, TypeFamily family) {
    return switch (this) {
      case DUCKDB, POSTGRES -> switch (family) {
        case DATE -> LocalDate.ofInstant(instant, ZoneOffset.UTC);
        case TIMESTAMP -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        case TIMESTAMP_TZ -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        case STRING -> LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
        case INTEGER, DECIMAL, BOOLEAN, BINARY, OTHER -> null;
      };
    };
  }

  /** The qualified name of a table, each part quoted. */
  public String tableName(TableName name) {
    StringBuilder sql = new StringBuilder();
    if (name.catalog() != null) {
      sql.append(quoteIdentifier(name.catalog())).append('.');
    }
    if (name.schema() != null) {
      sql.append(quoteIdentifier(name.schema())).append('.');
    }
    return sql.append(quoteIdentifier(name.table())).toString();
  }

  private static void requireNoNul(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("SQL text cannot hold a NUL character");
    }
  }
}
