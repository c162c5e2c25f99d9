package io.meshwatch.worker.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.worker.spec.SpecResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** What the drills share: a PostgreSQL that can be stopped and restarted, SQL on it, registering a product from its YAML, waiting on a condition, counting Slack openings. */
final class Drill {

  static final String TOKEN = "xoxb-local-drill-token-0001";
  static final String SIGNING_SECRET = "5b1e0c9d8a7f6e5d4c3b2a1908f7e6d5";

  private Drill() {}

  static void register(MeshwatchRuntime runtime, String name, String yaml) {
    SpecResult result = runtime.specLoader().load(name + ".yaml", yaml);
    assertThat(result).as(String.join("\n", result.report())).isInstanceOf(SpecResult.Valid.class);
    runtime.registrar().register(((SpecResult.Valid) result).spec(), yaml, "drill");
  }

  /** Waits until {@code probe} gives a value it accepts (non-null); fails naming {@code what} after {@code timeout}. */
  static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not reached within " + timeout + ": " + what);
  }

  /** The top-level messages in a channel that open the given incident. */
  static List<LocalSlackServer.StoredMessage> openings(LocalSlackServer slack, String channel, String incidentId) {
    return slack.messages(channel).stream()
        .filter(LocalSlackServer.StoredMessage::topLevel)
        .filter(m -> m.metadataKey() != null && m.metadataKey().startsWith(incidentId + "|OPENED|"))
        .toList();
  }

  /**
   * A PostgreSQL server on {@code port} over the data in {@code data}, kept between starts: a drill
   * stops it (close) and starts it again on the same port with the same data, as an outage ends.
   */
  static EmbeddedPostgres startPostgres(Path data, int port) throws java.io.IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(30))
        .start();
  }

  /** A daily product of one non-null column, fresh by {@code loaded_at}, on {@code connection}'s {@code schema.table}. */
  static String dailySpec(String name, String format, String connection, String schema, String table) {
    return """
        apiVersion: dataproduct/v1
        kind: DataProduct
        metadata: {name: %s, domain: ops, owner: ops-team, steward: ops@company.com}
        spec:
          output: {format: %s, connection: %s, schema: %s, table: %s}
          schema:
            - {name: event_id, type: string, nullable: false}
          quality:
            freshness_column: loaded_at
          sla: {schedule: "0 0 * * *", timezone: UTC}
        """.formatted(name, format, connection, schema, table);
  }

  /** Runs one SQL statement on {@code postgres}'s postgres database. */
  static void sql(EmbeddedPostgres postgres, String statement) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Runs SQL statements against a DuckDB file (the worker is not holding it open yet). */
  static void duckdb(Path file, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
