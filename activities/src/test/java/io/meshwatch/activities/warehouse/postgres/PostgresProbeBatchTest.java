package io.meshwatch.activities.warehouse.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.MutableClock;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.SharedPostgres;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.workflows.model.OutputFormat;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Probes of many tables on one PostgreSQL connection, batched ({@code metadata_max_age} positive)
 * against each on its own (zero): the statements each way, and the same answers.
 */
class PostgresProbeBatchTest {

  private static final String SCHEMA = "probe_batch";
  private static final Duration MAX_AGE = Duration.ofSeconds(12);
  private static final ConnectionSettings SETTINGS = ConnectionSettings.of("pg", OutputFormat.POSTGRES,
      SharedPostgres.jdbcUrl(), "postgres", null).withStatementTimeout(Duration.ofSeconds(30));

  /** Each table asked for, with its freshness column: every type, none, a missing table and a failing view. */
  private static final List<Asked> ASKED = List.of(
      new Asked("dated", "day"), new Asked("stamped", "at"), new Asked("zoned", "at"), new Asked("EMPTY", "at"),
      new Asked("dated", null), new Asked("stamped", "amount"), new Asked("stamped", "gone"),
      new Asked("absent", "at"), new Asked("failing", "at"), new Asked("zoned", null));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

  private record Asked(String table, String freshnessColumn) {
    TableName name() {
      return new TableName(null, SCHEMA, table);
    }
  }

  /** A probe's outcome, comparable between the two ways: its answer or its failure. */
  private record Outcome(TableProbe probe, WarehouseFailure failure, String message) {}

  @BeforeAll
  static void tables() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
        "CREATE TABLE " + SCHEMA + ".dated (id int, day date)",
        "INSERT INTO " + SCHEMA + ".dated VALUES (1, DATE '2026-02-27'), (2, DATE '2026-02-28')",
        "CREATE TABLE " + SCHEMA + ".stamped (id int, at timestamp(3), amount numeric)",
        "INSERT INTO " + SCHEMA + ".stamped VALUES (1, TIMESTAMP '2026-02-28 10:15:00.123', 5)",
        "CREATE TABLE " + SCHEMA + ".zoned (id int, at timestamptz)",
        "INSERT INTO " + SCHEMA + ".zoned VALUES (1, TIMESTAMPTZ '2026-02-28 23:00:00+02')",
        "CREATE TABLE " + SCHEMA + ".empty (id int, at timestamptz)",
        // The view's maximum raises division by zero: that probe fails on its own, the others do not.
        "CREATE TABLE " + SCHEMA + ".divisors (n int)",
        "INSERT INTO " + SCHEMA + ".divisors VALUES (0)",
        "CREATE VIEW " + SCHEMA + ".failing AS SELECT TIMESTAMP '2026-01-01' + make_interval(secs => 1 / n) AS at"
            + " FROM " + SCHEMA + ".divisors",
        "SELECT pg_stat_force_next_flush()");
  }

  @Test
  void probesOfManyTablesInOneWindowShareTwoStatementsAndAnswerAsEachAlone() throws Exception {
    StatementTally alone = new StatementTally();
    List<Outcome> unbatched = probeAll(client(Duration.ZERO), alone);
    StatementTally shared = new StatementTally();
    List<Outcome> batched = probeAll(client(MAX_AGE), shared);

    assertThat(batched).isEqualTo(unbatched);
    // Each alone: a catalog statement, and one for the maximum when the column can be read.
    assertThat(alone.count(StatementKind.METADATA)).isEqualTo(ASKED.size() + 5);
    // Batched: one catalog statement, one for every maximum, then the failing view's retry after a
    // savepoint, each table alone (five maxima).
    assertThat(shared.count(StatementKind.METADATA)).isEqualTo(2 + 5);

    assertThat(batched.get(0).probe().lastUpdated()).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
    assertThat(batched.get(1).probe().lastUpdated()).isEqualTo(Instant.parse("2026-02-28T10:15:00.123Z"));
    assertThat(batched.get(2).probe().lastUpdated()).isEqualTo(Instant.parse("2026-02-28T21:00:00Z"));
    assertThat(batched.get(2).probe().dataVersion()).startsWith("pg:");
    assertThat(batched.get(3).probe().lastUpdated()).isNull();
    assertThat(batched.get(5).probe().freshnessProblem()).contains("must be a date or a timestamp");
    assertThat(batched.get(6).probe().freshnessProblem()).contains("is not in table");
    assertThat(batched.get(7)).extracting(Outcome::failure, Outcome::message).containsExactly(
        WarehouseFailure.TABLE_NOT_FOUND, "table probe_batch.absent does not exist in PostgreSQL connection 'pg'");
    assertThat(batched.get(8).failure()).isEqualTo(WarehouseFailure.DATA_ERROR);
  }

  @Test
  void tablesThatCanAllBeReadCostOneCatalogAndOneMaximaStatementHoweverMany() throws Exception {
    List<Asked> readable = ASKED.stream()
        .filter(a -> !a.table().equals("failing") && !a.table().equals("absent"))
        .toList();
    PostgresWarehouseClient alone = client(Duration.ZERO);
    PostgresWarehouseClient batched = client(MAX_AGE);
    StatementTally aloneTally = new StatementTally();
    StatementTally batchedTally = new StatementTally();
    for (Asked asked : readable) {
      alone.probe(asked.name(), asked.freshnessColumn(), context(aloneTally));
      batched.probe(asked.name(), asked.freshnessColumn(), context(batchedTally));
    }
    // The first probe reads its table alone; from the second on, every table asked is read together.
    StatementTally cycle = new StatementTally();
    clock.advance(MAX_AGE);
    for (Asked asked : readable) {
      batched.probe(asked.name(), asked.freshnessColumn(), context(cycle));
    }

    assertThat(aloneTally.count(StatementKind.METADATA)).isEqualTo(readable.size() + 4);
    assertThat(cycle.count(StatementKind.METADATA)).isEqualTo(2);
  }

  @Test
  void aChangeIsSeenOnceTheSharedReadIsAsOldAsTheMaximumAgeAndANewTableJoinsTheNextRead() throws Exception {
    execute("DROP TABLE IF EXISTS " + SCHEMA + ".moving", "CREATE TABLE " + SCHEMA + ".moving (at timestamp)",
        "INSERT INTO " + SCHEMA + ".moving VALUES (TIMESTAMP '2026-02-01 00:00:00')");
    PostgresWarehouseClient client = client(MAX_AGE);
    TableName moving = new TableName(null, SCHEMA, "moving");
    StatementTally tally = new StatementTally();
    client.probe(moving, "at", context(tally));
    execute("INSERT INTO " + SCHEMA + ".moving VALUES (TIMESTAMP '2026-02-02 00:00:00')");

    clock.advance(MAX_AGE.minusMillis(1));
    assertThat(client.probe(moving, "at", context(tally)).lastUpdated()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    clock.advance(Duration.ofMillis(1));
    assertThat(client.probe(moving, "at", context(tally)).lastUpdated()).isEqualTo(Instant.parse("2026-02-02T00:00:00Z"));
    TableProbe joined = client.probe(new TableName(null, SCHEMA, "zoned"), "at", context(tally));

    assertThat(joined.lastUpdated()).isEqualTo(Instant.parse("2026-02-28T21:00:00Z"));
    // The first read, the read once the window ended, then the new table's (with the other).
    assertThat(tally.count(StatementKind.METADATA)).isEqualTo(2 + 2 + 2);
  }

  @Test
  void aFailedBatchFailsEveryProbeThatSharedIt() {
    PostgresWarehouseClient client = new PostgresWarehouseClient("down",
        PostgresWarehouseClient.jdbi(ConnectionSettings.of("down", OutputFormat.POSTGRES,
            "jdbc:postgresql://127.0.0.1:1/postgres", "postgres", "secret").withStatementTimeout(Duration.ofSeconds(2))),
        Duration.ofSeconds(2), MAX_AGE, clock);

    List<WarehouseException> failures = new ArrayList<>();
    for (Asked asked : ASKED.subList(0, 3)) {
      failures.add(catchThrowableOfType(WarehouseException.class,
          () -> client.probe(asked.name(), asked.freshnessColumn(), context(new StatementTally()))));
    }

    assertThat(failures).allSatisfy(e -> assertThat(e.failure()).isEqualTo(WarehouseFailure.UNREACHABLE));
    assertThat(failures).extracting(Throwable::getMessage).containsOnly(failures.get(0).getMessage());
  }

  private PostgresWarehouseClient client(Duration maxAge) {
    return new PostgresWarehouseClient("pg", PostgresWarehouseClient.jdbi(SETTINGS), SETTINGS.statementTimeout(), maxAge,
        clock);
  }

  private List<Outcome> probeAll(PostgresWarehouseClient client, StatementTally tally) {
    // A table asked in the last poll is read with the others in this one: products ask every poll.
    for (Asked asked : ASKED) {
      outcome(client, asked, new StatementTally());
    }
    clock.advance(MAX_AGE);
    return ASKED.stream().map(asked -> outcome(client, asked, tally)).toList();
  }

  private static Outcome outcome(PostgresWarehouseClient client, Asked asked, StatementTally tally) {
    try {
      return new Outcome(client.probe(asked.name(), asked.freshnessColumn(), context(tally)), null, null);
    } catch (WarehouseException e) {
      return new Outcome(null, e.failure(), e.getMessage());
    }
  }

  private static QueryContext context(StatementTally tally) {
    return new QueryContext(new QueryTag("meshwatch:batch/test"), tally);
  }

  private static void execute(String... statements) throws SQLException {
    try (Connection connection = Objects.requireNonNull(SharedPostgres.dataSource()).getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
