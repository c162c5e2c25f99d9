package io.meshwatch.activities;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.RecordingSqlLogger;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.duckdb.DuckDbWarehouseClient;
import io.meshwatch.workflows.model.OutputFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** A DuckDB database file; meshwatch opens it read-only, the writer opens and closes it around writes. */
final class DuckDbEngine extends JdbcWarehouseEngine {

  private final Path file;

  DuckDbEngine(Path directory) {
    this.file = directory.resolve("warehouse.duckdb");
  }

  @Override
  public OutputFormat format() {
    return OutputFormat.DUCKDB;
  }

  @Override
  /**
   * The tests write the file from this process between meshwatch's calls, which DuckDB refuses while
   * meshwatch holds the file open read-only, so these connections release it after every call; the
   * hold is tested on its own ({@code HeldDatabaseTest}).
   */
  public ConnectionSettings settings(String connection, Duration statementTimeout) {
    return new ConnectionSettings(connection, OutputFormat.DUCKDB, "jdbc:duckdb:" + file, null, null, statementTimeout,
        true, Map.of(DuckDbWarehouseClient.KEEP_OPEN, "PT0S"));
  }

  @Override
  public ConnectionSettings unreachableSettings(String connection) {
    return ConnectionSettings.of(connection, OutputFormat.DUCKDB,
        "jdbc:duckdb:" + file.resolveSibling("no-such-directory").resolve("missing.duckdb"), null, null);
  }

  @Override
  public WarehouseClient client(ConnectionSettings settings, RecordingSqlLogger logger) {
    Jdbi jdbi = DuckDbWarehouseClient.jdbi(settings);
    jdbi.setSqlLogger(logger);
    return new DuckDbWarehouseClient(settings.name(), jdbi, settings.statementTimeout(), settings.readOnly());
  }

  @Override
  public void writeAndPublishStatistics(String... statements) {
    write(statements);
  }

  @Override
  Connection writer() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + file);
  }
}
