package io.meshwatch.activities.sql;

import io.meshwatch.activities.expr.RowFunction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The SQL dialects meshwatch renders. Every dialect-specific spelling lives here, behind exhaustive
 * switches, so adding a dialect is a compile error at each place that must learn it. Nothing here accepts SQL text from a spec: callers pass names, values and fragments
 * that were themselves rendered from meshwatch's own expression tree.
 */
public enum Dialect {
  DUCKDB,
  POSTGRES,
  /** GoogleSQL, BigQuery's standard SQL dialect. */
  BIGQUERY,
  SNOWFLAKE;

  /** A leading comment on every warehouse statement: a constant, never spec text. */
  public static final String STATEMENT_LABEL = "/* meshwatch */";

  private static final DateTimeFormatter SNOWFLAKE_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS", Locale.ROOT);

  /**
   * An identifier, always quoted so that case and reserved words are kept exactly. GoogleSQL quotes
   * with backticks and reads escape sequences inside them, as in string literals.
   */
  public String quoteIdentifier(String name) {
    requireNoNul(name);
    return switch (this) {
      case DUCKDB, POSTGRES, SNOWFLAKE -> "\"" + name.replace("\"", "\"\"") + "\"";
      case BIGQUERY -> "`" + googleSqlEscaped(name, '`') + "`";
    };
  }

  /**
   * A string literal. PostgreSQL reads backslashes in plain literals as escapes when
   * {@code standard_conforming_strings} is off, so a value with a backslash is written as an
   * escape string ({@code E'...'}), whose meaning does not depend on that setting. GoogleSQL has no
   * doubled quotes: quotes, backslashes and control characters are backslash escapes. Snowflake
   * always reads backslash escapes in single-quoted literals, so a backslash is doubled.
   */
  public String stringLiteral(String value) {
    requireNoNul(value);
    String quoted = value.replace("'", "''");
    return switch (this) {
      case DUCKDB -> "'" + quoted + "'";
      case POSTGRES -> value.indexOf('\\') >= 0 ? "E'" + quoted.replace("\\", "\\\\") + "'" : "'" + quoted + "'";
      case BIGQUERY -> "'" + googleSqlEscaped(value, '\'') + "'";
      case SNOWFLAKE -> "'" + quoted.replace("\\", "\\\\") + "'";
    };
  }

  /**
   * A date literal from its ISO text. GoogleSQL compares a DATE with a DATE only, while a plain
   * string literal coerces to the type of whatever it meets (DATE, DATETIME or TIMESTAMP), so
   * BigQuery gets the bare string: {@code ts_col >= DATE '2024-01-31'} would be refused there.
   */
  public String dateLiteral(String isoDate) {
    return switch (this) {
      case DUCKDB, POSTGRES, SNOWFLAKE -> "DATE " + stringLiteral(isoDate);
      case BIGQUERY -> stringLiteral(isoDate);
    };
  }

  /**
   * A timestamp literal without zone, from its text ({@code yyyy-mm-dd hh:mm:ss.ffffff}), meant as
   * UTC. As for dates, BigQuery gets the bare string, which coerces to a DATETIME or a TIMESTAMP
   * (read as UTC) to match the column it is compared with.
   */
  public String timestampLiteral(String text) {
    return switch (this) {
      case DUCKDB, POSTGRES, SNOWFLAKE -> "TIMESTAMP " + stringLiteral(text);
      case BIGQUERY -> stringLiteral(text);
    };
  }

  /**
   * True when the whole of {@code text} matches {@code regex} (the subset RE2, PostgreSQL's ARE and
   * POSIX ERE share). BigQuery's REGEXP_CONTAINS is RE2 and matches anywhere, so the pattern is
   * anchored. Snowflake's REGEXP_LIKE anchors a pattern at both ends by itself; the explicit group
   * keeps an alternation whole, and POSIX ERE has no non-capturing group.
   */
  public String fullMatch(String text, String regex) {
    return switch (this) {
      case DUCKDB -> "regexp_full_match(" + text + ", " + stringLiteral(regex) + ")";
      case POSTGRES -> "(" + text + " ~ " + stringLiteral("^(?:" + regex + ")$") + ")";
      case BIGQUERY -> "REGEXP_CONTAINS(" + text + ", " + stringLiteral("^(?:" + regex + ")$") + ")";
      case SNOWFLAKE -> "REGEXP_LIKE(" + text + ", " + stringLiteral("^(" + regex + ")$") + ")";
    };
  }

  /** True when some part of {@code text} matches {@code regex}. */
  public String containsMatch(String text, String regex) {
    return switch (this) {
      case DUCKDB -> "regexp_matches(" + text + ", " + stringLiteral(regex) + ")";
      case POSTGRES -> "(" + text + " ~ " + stringLiteral(regex) + ")";
      case BIGQUERY -> "REGEXP_CONTAINS(" + text + ", " + stringLiteral(regex) + ")";
      case SNOWFLAKE -> "(REGEXP_INSTR(" + text + ", " + stringLiteral(regex) + ") > 0)";
    };
  }

  /** A value as text, for rules on a column's textual form. */
  public String asText(String value) {
    return switch (this) {
      case DUCKDB, SNOWFLAKE -> "CAST(" + value + " AS VARCHAR)";
      case POSTGRES -> "CAST(" + value + " AS text)";
      case BIGQUERY -> "CAST(" + value + " AS STRING)";
    };
  }

  /** The number of rows in scope for which {@code condition} is true (NULL counts as not true). */
  public String countWhere(String condition) {
    return switch (this) {
      case DUCKDB, POSTGRES -> "count(*) FILTER (WHERE " + condition + ")";
      case BIGQUERY -> "COUNTIF(" + condition + ")";
      // COUNT_IF counts the rows where the condition is TRUE, as FILTER does.
      case SNOWFLAKE -> "COUNT_IF(" + condition + ")";
    };
  }

  /**
   * Division with the same meaning everywhere: never integer division, and NULL (not an error) for
   * a zero divisor, like a comparison with NULL. GoogleSQL's {@code /} never divides integers
   * as integers, and {@code SAFE_DIVIDE} gives NULL for a zero divisor. Snowflake's own DIV0 gives
   * 0 for a zero divisor, which would turn "no answer" into a measured zero, so it is not used.
   */
  public String divide(String dividend, String divisor) {
    return switch (this) {
      case DUCKDB, SNOWFLAKE -> "(" + dividend + " / NULLIF(" + divisor + ", 0))";
      case POSTGRES -> "(CAST(" + dividend + " AS numeric) / NULLIF(" + divisor + ", 0))";
      case BIGQUERY -> "SAFE_DIVIDE(" + dividend + ", " + divisor + ")";
    };
  }

  /**
   * An integer operand of +, - or *, widened so that the arithmetic cannot overflow where a
   * mathematician would not: PostgreSQL's numeric is exact and unbounded, DuckDB's HUGEINT holds
   * 128 bits, BigQuery's BIGNUMERIC holds 38 digits before the point (INT64 × INT64 fits; NUMERIC's
   * 29 would not). Without it, {@code qty * 3000000000} would fail the whole fused scan. Snowflake
   * stores every integer as NUMBER with up to 38 digits and sizes the result of + and * to fit, so
   * its operands already reach as far as HUGEINT and stay as they are.
   */
  public String widenInteger(String operand) {
    return switch (this) {
      case DUCKDB -> "CAST(" + operand + " AS HUGEINT)";
      case POSTGRES -> "CAST(" + operand + " AS numeric)";
      case BIGQUERY -> "CAST(" + operand + " AS BIGNUMERIC)";
      case SNOWFLAKE -> operand;
    };
  }

  /**
   * The remainder, NULL for a zero divisor. GoogleSQL has no {@code %} operator, and its
   * {@code MOD} takes integers and decimals but not FLOAT64, so both operands become BIGNUMERIC.
   */
  public String modulo(String dividend, String divisor) {
    return switch (this) {
      case DUCKDB, POSTGRES, SNOWFLAKE -> "(" + dividend + " % NULLIF(" + divisor + ", 0))";
      case BIGQUERY -> "MOD(CAST(" + dividend + " AS BIGNUMERIC), NULLIF(CAST(" + divisor + " AS BIGNUMERIC), 0))";
    };
  }

  /** {@code round(x, digits)}; PostgreSQL rounds to digits only on numeric, not on double. */
  public String round(String value, int digits) {
    return switch (this) {
      case DUCKDB, SNOWFLAKE -> "round(" + value + ", " + digits + ")";
      case POSTGRES -> "round(CAST(" + value + " AS numeric), " + digits + ")";
      case BIGQUERY -> "ROUND(" + value + ", " + digits + ")";
    };
  }

  /**
   * A LIKE with backslash as the escape character, spelled so that every dialect agrees. GoogleSQL
   * escapes with a backslash without an ESCAPE clause and has no ILIKE, so case is folded on both
   * sides.
   */
  public String like(String value, String pattern, boolean caseInsensitive) {
    String operator = caseInsensitive ? " ILIKE " : " LIKE ";
    return switch (this) {
      case DUCKDB, POSTGRES, SNOWFLAKE ->
          "(" + value + operator + stringLiteral(pattern) + " ESCAPE " + stringLiteral("\\") + ")";
      case BIGQUERY -> caseInsensitive
          ? "(LOWER(" + value + ") LIKE LOWER(" + stringLiteral(pattern) + "))"
          : "(" + value + " LIKE " + stringLiteral(pattern) + ")";
    };
  }

  /**
   * Whether {@link #functionName}'s {@code least} and {@code greatest} skip NULL arguments, as
   * PostgreSQL's and DuckDB's do. BigQuery's return NULL when any argument is NULL and have no form
   * that skips them, so the renderer rewrites their arguments instead.
   */
  public boolean skipsNullsInLeastGreatest() {
    return this != BIGQUERY;
  }

  /**
   * The name of a row function. PostgreSQL's and DuckDB's {@code least} and {@code greatest} skip
   * NULL arguments, Snowflake's return NULL when any argument is NULL; its {@code _IGNORE_NULLS}
   * forms skip them, so a check means the same everywhere (BigQuery: see
   * {@link #skipsNullsInLeastGreatest}).
   */
  public String functionName(RowFunction function) {
    return switch (this) {
      case DUCKDB, POSTGRES, BIGQUERY -> function.sqlName();
      case SNOWFLAKE -> switch (function) {
        case LEAST -> "least_ignore_nulls";
        case GREATEST -> "greatest_ignore_nulls";
        case ABS, ROUND, FLOOR, CEIL, LENGTH, LOWER, UPPER, TRIM, COALESCE, NULLIF -> function.sqlName();
      };
    };
  }

  /**
   * The condition that keeps rows of a column of {@code family} at or after a bound parameter
   * ({@code ?}) made by {@link #instantParameter}. BigQuery binds {@code ?} as a positional query
   * parameter, and a bound value on the partitioning column still prunes partitions. The Snowflake
   * driver binds no java.time values, so the cutoff travels as text and is converted with an
   * explicit format, independent of the session's input formats.
   */
  public String atOrAfterParameter(String column, TypeFamily family) {
    return switch (this) {
      case DUCKDB, POSTGRES, BIGQUERY -> column + " >= ?";
      case SNOWFLAKE -> switch (family) {
        case DATE -> column + " >= TO_DATE(?, 'YYYY-MM-DD')";
        case TIMESTAMP -> column + " >= TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9')";
        case TIMESTAMP_TZ -> column + " >= TO_TIMESTAMP_TZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')";
        case STRING, INTEGER, DECIMAL, BOOLEAN, BINARY, OTHER -> column + " >= ?";
      };
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
      // BigQuery's adapter binds these as DATE, DATETIME, TIMESTAMP and STRING parameters.
      case DUCKDB, POSTGRES, BIGQUERY -> switch (family) {
        case DATE -> LocalDate.ofInstant(instant, ZoneOffset.UTC);
        case TIMESTAMP -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        case TIMESTAMP_TZ -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        case STRING -> LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
        case INTEGER, DECIMAL, BOOLEAN, BINARY, OTHER -> null;
      };
      case SNOWFLAKE -> switch (family) {
        case DATE, STRING -> LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
        case TIMESTAMP -> SNOWFLAKE_TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        case TIMESTAMP_TZ -> SNOWFLAKE_TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + " +00:00";
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

  /**
   * Text inside a GoogleSQL quoted string or quoted identifier: the quote character, backslashes and
   * control characters become backslash escapes, so a value cannot end the quote early.
   */
  private static String googleSqlEscaped(String text, char quote) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (c == '\t') {
        escaped.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        escaped.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static void requireNoNul(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("SQL text cannot hold a NUL character");
    }
  }
}
