package io.meshwatch.activities;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.RecordingSqlLogger;
import io.meshwatch.activities.warehouse.SharedPostgres;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.postgres.PostgresWarehouseClient;
import io.meshwatch.workflows.model.OutputFormat;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** The shared embedded PostgreSQL, reached through a real JDBC URL as a worker would. */
final class PostgresEngine extends JdbcWarehouseEngine {

  @Override
  public OutputFormat format() {
    return OutputFormat.POSTGRES;
  }

  @Override
  public ConnectionSettings settings(String connection, Duration statementTimeout) {
    int port = SharedPostgres.instance().getPort();
    return ConnectionSettings.of(connection, OutputFormat.POSTGRES, "jdbc:postgresql://localhost:" + port + "/postgres",
            "postgres", "unused-with-trust-auth")
        .withStatementTimeout(statementTimeout);
  }

  @Override
  public ConnectionSettings unreachableSettings(String connection) {
    return ConnectionSettings.of(connection, OutputFormat.POSTGRES, "jdbc:postgresql://127.0.0.1:1/postgres",
        "postgres", "secret");
  }

  @Override
  public WarehouseClient client(ConnectionSettings settings, RecordingSqlLogger logger) {
    Jdbi jdbi = PostgresWarehouseClient.jdbi(settings);
    jdbi.setSqlLogger(logger);
    return new PostgresWarehouseClient(settings.name(), jdbi, settings.statementTimeout());
  }

  @Override
  Connection writer() throws SQLException {
    return SharedPostgres.dataSource().getConnection();
  }

  /**
   * PostgreSQL counts a session's writes locally and flushes them to the shared statistics at most
   * once a second; {@code pg_stat_force_next_flush()} in the writing session makes the next flush,
   * at the end of its transaction, happen at once.
   */
  @Override
  public void writeAndPublishStatistics(String... statements) {
    String[] all = java.util.Arrays.copyOf(statements, statements.length + 1);
    all[statements.length] = "SELECT pg_stat_force_next_flush()";
    write(all);
  }
}
