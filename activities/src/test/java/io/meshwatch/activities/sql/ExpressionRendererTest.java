package io.meshwatch.activities.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionRendererTest {

  private final ExpressionParser parser = new ExpressionParser();

  private String render(Dialect dialect, String expression) {
    Map<String, ColumnBinding> actual = Map.of(
        "revenue_usd", new ColumnBinding("REVENUE_USD", TypeFamily.DECIMAL),
        "qty", new ColumnBinding("qty", TypeFamily.DECIMAL),
        "units", new ColumnBinding("units", TypeFamily.INTEGER),
        "note", new ColumnBinding("note", TypeFamily.STRING),
        "day", new ColumnBinding("day", TypeFamily.DATE));
    return new ExpressionRenderer(dialect, actual::get).render(parser.parseAccepted(expression).root());
  }

  @Test
  void parenthesisesEveryCompoundAndQuotesActualColumnNames() {
    assertThat(render(Dialect.DUCKDB, "revenue_usd >= 0 AND qty + 1.5 > 2.5 * qty OR NOT qty IS NULL"))
        .isEqualTo("(((\"REVENUE_USD\" >= 0) AND ((\"qty\" + 1.5) > (2.5 * \"qty\"))) OR (NOT (\"qty\" IS NULL)))");
  }

  @Test
  void widensIntegerOperandsSoArithmeticCannotOverflow() {
    assertThat(render(Dialect.DUCKDB, "units * 3 - qty > 0"))
        .isEqualTo("(((CAST(\"units\" AS HUGEINT) * CAST(3 AS HUGEINT)) - \"qty\") > 0)");
    assertThat(render(Dialect.POSTGRES, "-units < 2147483647 * 2"))
        .isEqualTo("((-CAST(\"units\" AS numeric)) < (CAST(2147483647 AS numeric) * CAST(2 AS numeric)))");
  }

  @Test
  void rendersDivisionAndRoundingPerDialect() {
    assertThat(render(Dialect.DUCKDB, "round(revenue_usd / qty, 2) < -1"))
        .isEqualTo("(round((\"REVENUE_USD\" / NULLIF(\"qty\", 0)), 2) < (-1))");
    assertThat(render(Dialect.POSTGRES, "round(revenue_usd / qty, 2) < -1"))
        .isEqualTo("(round(CAST((CAST(\"REVENUE_USD\" AS numeric) / NULLIF(\"qty\", 0)) AS numeric), 2) < (-1))");
  }

  @Test
  void rewritesLiteralsFromTheirValues() {
    assertThat(render(Dialect.POSTGRES, "note NOT LIKE 'a\\_%' AND note IN ('it''s', 'x') AND day >= DATE '2024-01-31'"))
        .isEqualTo("(((NOT (\"note\" LIKE E'a\\\\_%' ESCAPE E'\\\\')) AND (\"note\" IN ('it''s', 'x')))"
            + " AND (\"day\" >= DATE '2024-01-31'))");
    assertThat(render(Dialect.DUCKDB, "day < TIMESTAMP '2024-01-31 06:00:00'"))
        .isEqualTo("(\"day\" < TIMESTAMP '2024-01-31 06:00:00.000000')");
  }

  @Test
  void bigQueryLeastAndGreatestSkipNullsAsPostgresAndDuckDbDo() throws SQLException {
    String bigQuery = render(Dialect.BIGQUERY, "greatest(qty, units, revenue_usd) - least(qty, units, revenue_usd) >= 0");
    assertThat(bigQuery).isEqualTo("((greatest(COALESCE(`qty`, `units`, `REVENUE_USD`), COALESCE(`units`, `REVENUE_USD`,"
        + " `qty`), COALESCE(`REVENUE_USD`, `qty`, `units`)) - least(COALESCE(`qty`, `units`, `REVENUE_USD`),"
        + " COALESCE(`units`, `REVENUE_USD`, `qty`), COALESCE(`REVENUE_USD`, `qty`, `units`))) >= 0)");

    // The rewrite is plain SQL: on DuckDB, whose forms skip NULLs, it agrees with them on every
    // combination of NULL and non-NULL arguments, and is NULL only when all three are.
    String rewritten = bigQuery.replace('`', '"').replace(" >= 0", "");
    String skipping = "(greatest(\"qty\", \"units\", \"REVENUE_USD\") - least(\"qty\", \"units\", \"REVENUE_USD\"))";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t AS SELECT * FROM (VALUES (NULL, NULL, NULL), (1.5, NULL, NULL), (NULL, 2, NULL),"
          + " (NULL, NULL, 3.5), (1.5, 7, NULL), (NULL, 7, -3.5), (1.5, NULL, 9.5), (1.5, 7, -3.5))"
          + " AS v(qty, units, \"REVENUE_USD\")");
      try (ResultSet rs = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE " + rewritten
          + " IS NOT DISTINCT FROM " + skipping + "), count(*) FILTER (WHERE " + rewritten + " IS NULL) FROM t")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(8);
        assertThat(rs.getLong(2)).as("rows where the rewrite agrees").isEqualTo(8);
        assertThat(rs.getLong(3)).as("rows where it is NULL").isEqualTo(1);
      }
    }
  }

  @Test
  void rendersTheSnowflakeDialect() {
    assertThat(render(Dialect.SNOWFLAKE, "units * 3 - qty > 0 AND round(revenue_usd / units, 2) < -1"))
        .isEqualTo("((((\"units\" * 3) - \"qty\") > 0) AND (round((\"REVENUE_USD\" / NULLIF(\"units\", 0)), 2) < (-1)))");
    assertThat(render(Dialect.SNOWFLAKE, "note NOT LIKE 'a\\_%' AND note <> 'it''s' AND greatest(qty, units) > least(qty, 1)"))
        .isEqualTo("(((NOT (\"note\" LIKE 'a\\\\_%' ESCAPE '\\\\')) AND (\"note\" <> 'it''s'))"
            + " AND (greatest_ignore_nulls(\"qty\", \"units\") > least_ignore_nulls(\"qty\", 1)))");
    assertThat(render(Dialect.SNOWFLAKE, "day >= DATE '2024-01-31' AND day < TIMESTAMP '2024-01-31 06:00:00'"))
        .isEqualTo("((\"day\" >= DATE '2024-01-31') AND (\"day\" < TIMESTAMP '2024-01-31 06:00:00.000000'))");
  }

  @Test
  void rendersGoogleSql() {
    assertThat(render(Dialect.BIGQUERY, "units * 3 - qty > 0 AND revenue_usd / units < 10 AND units % 2 = 0"))
        .isEqualTo("(((((CAST(`units` AS BIGNUMERIC) * CAST(3 AS BIGNUMERIC)) - `qty`) > 0)"
            + " AND (SAFE_DIVIDE(`REVENUE_USD`, `units`) < 10))"
            + " AND (MOD(CAST(`units` AS BIGNUMERIC), NULLIF(CAST(2 AS BIGNUMERIC), 0)) = 0))");
    assertThat(render(Dialect.BIGQUERY, "note NOT LIKE 'it''s\\_%' AND note ILIKE 'A%' AND day >= DATE '2024-01-31'"))
        .isEqualTo("(((NOT (`note` LIKE 'it\\'s\\\\_%')) AND (LOWER(`note`) LIKE LOWER('A%')))"
            + " AND (`day` >= '2024-01-31'))");
    assertThat(render(Dialect.BIGQUERY, "round(qty, 1) > 0")).isEqualTo("(ROUND(`qty`, 1) > 0)");
    assertThat(render(Dialect.BIGQUERY, "count(DISTINCT note) = count(note)"))
        .isEqualTo("(count(DISTINCT `note`) = count(`note`))");
  }

  @Test
  void rendersAggregatesAndCase() {
    assertThat(render(Dialect.DUCKDB, "count(DISTINCT qty) <= count(*) AND sum(CASE WHEN qty > 0 THEN 1 ELSE 0 END) > 1"))
        .isEqualTo("((count(DISTINCT \"qty\") <= count(*)) AND (sum((CASE WHEN (\"qty\" > 0) THEN 1 ELSE 0 END)) > 1))");
  }
}
