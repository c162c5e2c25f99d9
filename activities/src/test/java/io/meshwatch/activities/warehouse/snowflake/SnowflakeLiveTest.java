package io.meshwatch.activities.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.expr.RowFunction;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.workflows.model.OutputFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Snowflake account; runs only when credentials are in the environment:
 *
 * <pre>
 * MESHWATCH_LIVE_SNOWFLAKE_URL=jdbc:snowflake://ACCOUNT.snowflakecomputing.com/ \
 * MESHWATCH_LIVE_SNOWFLAKE_USER=MESHWATCH MESHWATCH_LIVE_SNOWFLAKE_PASSWORD=... \
 * MESHWATCH_LIVE_SNOWFLAKE_TABLE=DATABASE.SCHEMA.TABLE \
 * MESHWATCH_LIVE_SNOWFLAKE_WAREHOUSE=MESHWATCH_WH MESHWATCH_LIVE_SNOWFLAKE_ROLE=MESHWATCH_READER \
 *   ./mvnw -pl activities -am verify -Dtest=SnowflakeLiveTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The table can be any table the role may read; warehouse and role are optional (the user's
 * defaults apply). The test reads metadata, runs one scan of the table, and checks that the
 * dialect's spellings mean on Snowflake what they mean on DuckDB and PostgreSQL.
 */
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_SNOWFLAKE_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_SNOWFLAKE_USER", matches = ".+")
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_SNOWFLAKE_PASSWORD", matches = ".+")
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_SNOWFLAKE_TABLE", matches = "[^.]+\\.[^.]+\\.[^.]+")
class SnowflakeLiveTest {

  private static final Dialect SQL = Dialect.SNOWFLAKE;

  private final SnowflakeWarehouseClient client = SnowflakeWarehouseClient.open(settings());
  private final StatementTally tally = new StatementTally();
  private final QueryContext context = new QueryContext(new QueryTag("meshwatch:live/snowflake-test"), tally);

  private static ConnectionSettings settings() {
    Map<String, String> properties = new HashMap<>();
    String warehouse = System.getenv("MESHWATCH_LIVE_SNOWFLAKE_WAREHOUSE");
    String role = System.getenv("MESHWATCH_LIVE_SNOWFLAKE_ROLE");
    if (warehouse != null) {
      properties.put("warehouse", warehouse);
    }
    if (role != null) {
      properties.put("role", role);
    }
    return new ConnectionSettings("live", OutputFormat.SNOWFLAKE, System.getenv("MESHWATCH_LIVE_SNOWFLAKE_URL"),
        System.getenv("MESHWATCH_LIVE_SNOWFLAKE_USER"), System.getenv("MESHWATCH_LIVE_SNOWFLAKE_PASSWORD"),
        Duration.ofMinutes(2), true, properties);
  }

  private static TableName table() {
    String[] parts = System.getenv("MESHWATCH_LIVE_SNOWFLAKE_TABLE").split("\\.");
    return new TableName(parts[0], parts[1], parts[2]);
  }

  @Test
  void probesMetadataAndScansTheTableOnce() throws WarehouseException {
    TableProbe probe = client.probe(table(), null, context);
    assertThat(probe.table().columns()).isNotEmpty();
    assertThat(tally.count(StatementKind.METADATA)).isEqualTo(1);

    ScanRow row = client.scan(new ScanQuery(Dialect.STATEMENT_LABEL + " SELECT count(*) AS m0, ((count(*) >= 0)) AS m1"
        + " FROM " + SQL.tableName(probe.table().name()), List.of(), 2), context);

    assertThat(row.count(0)).isNotNegative();
    assertThat(row.truth(1)).isTrue();
    assertThat(tally.count(StatementKind.SCAN)).isEqualTo(1);
    assertThat(client.columns(table(), context).columns()).isEqualTo(probe.table().columns());
    assertThat(tally.count(StatementKind.METADATA)).as("the second lookup is served from the shared read")
        .isEqualTo(1);
  }

  @Test
  void aMissingTableIsReportedAsMissing() {
    TableName real = table();
    TableName missing = new TableName(real.catalog(), real.schema(), "meshwatch_no_such_table");

    assertThatThrownBy(() -> client.probe(missing, null, context)).isInstanceOfSatisfying(WarehouseException.class,
        e -> assertThat(e.failure()).isEqualTo(WarehouseFailure.TABLE_NOT_FOUND));
  }

  @Test
  void theDialectMeansWhatItMeansOnTheOtherEngines() throws WarehouseException {
    String v = SQL.quoteIdentifier("V");
    String d = SQL.quoteIdentifier("D");
    String values = "(SELECT column1 AS " + v + ", TO_DATE(column2) AS " + d + " FROM VALUES"
        + " ('0123456789abcdef0123456789abcdef', '2024-06-07'), ('test_1', '2024-06-06'), ('it''s a\\\\b', '2024-06-08'),"
        + " ('j***@example.com', '2024-06-09'), (NULL, '2024-06-10'), ('[Redacted]', '2024-06-05'))";
    List<String> measures = List.of(
        "count(*)",
        SQL.countWhere("NOT " + SQL.fullMatch(SQL.asText(v), "[0-9a-fA-F]{32,128}")),
        SQL.countWhere(SQL.containsMatch(SQL.asText(v), "[*#Xx]{3}")),
        SQL.countWhere(SQL.like(v, "test\\_%", false)),
        SQL.countWhere(v + " = " + SQL.stringLiteral("it's a\\b")),
        SQL.countWhere(SQL.fullMatch("lower(trim(" + SQL.asText(v) + "))",
            "[*#x]*|redacted|\\[redacted\\]|<redacted>|\\(redacted\\)")),
        "(" + SQL.divide("1", "0") + " IS NULL)",
        "(" + SQL.functionName(RowFunction.GREATEST) + "(NULL, 2) = 2)",
        "((7 / 2) = 3.5)",
        SQL.countWhere(SQL.atOrAfterParameter(d, TypeFamily.DATE)));
    StringBuilder sql = new StringBuilder(Dialect.STATEMENT_LABEL + " SELECT ");
    for (int i = 0; i < measures.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(measures.get(i)).append(" AS m").append(i);
    }
    sql.append(" FROM ").append(values);
    Object cutoff = SQL.instantParameter(Instant.parse("2024-06-08T12:00:00Z"), TypeFamily.DATE);

    ScanRow row = client.scan(new ScanQuery(sql.toString(), List.of(cutoff), measures.size()), context);

    assertThat(row.count(0)).isEqualTo(6);
    assertThat(row.count(1)).as("values that are not hex digests (NULL is not counted)").isEqualTo(4);
    assertThat(row.count(2)).as("values holding a mask run").isEqualTo(1);
    assertThat(row.count(3)).as("LIKE with an escaped underscore").isEqualTo(1);
    assertThat(row.count(4)).as("a literal with a quote and a backslash").isEqualTo(1);
    assertThat(row.count(5)).as("redaction markers").isEqualTo(1);
    assertThat(row.truth(6)).as("division by zero is NULL").isTrue();
    assertThat(row.truth(7)).as("greatest skips NULL").isTrue();
    assertThat(row.truth(8)).as("no integer division").isTrue();
    assertThat(row.count(9)).as("dates at or after the bound cutoff").isEqualTo(3);
  }
}
