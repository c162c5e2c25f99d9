package io.meshwatch.worker.bench;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.duckdb.DuckDbWarehouseClient;
import io.meshwatch.workflows.model.OutputFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A DuckDB database file in the benchmark's folder. meshwatch opens it read-only, as a worker reads
 * a file another process writes; DuckDB refuses a read-only open while the same process holds the
 * file read-write, so the benchmark's own reads are read-only too and its writes happen while no
 * reader is open.
 */
final class DuckDbBenchWarehouse implements BenchWarehouse {

  private final String url;

  private DuckDbBenchWarehouse(Path file) {
    this.url = "jdbc:duckdb:" + file.toAbsolutePath();
  }

  static DuckDbBenchWarehouse create(Path folder) {
    return new DuckDbBenchWarehouse(folder.resolve("bench.duckdb"));
  }

  @Override
  public BenchEngine engine() {
    return BenchEngine.DUCKDB;
  }

  @Override
  public ConnectionSettings settings() {
    return ConnectionSettings.of(CONNECTION, OutputFormat.DUCKDB, url, null, null)
        .withStatementTimeout(Duration.ofMinutes(10));
  }

  @Override
  public Connection openReader() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(url, properties);
  }

  /**
   * Writes as a pipeline would. meshwatch holds the file open read-only for
   * {@link DuckDbWarehouseClient#DEFAULT_KEEP_OPEN} after its last call, and DuckDB refuses a
   * writer in the same process meanwhile, so the write waits for the file as a writer in another
   * process would wait for its lock.
   */
  @Override
  public void write(List<String> statements) throws SQLException {
    long giveUp = System.nanoTime() + DuckDbWarehouseClient.DEFAULT_KEEP_OPEN.plusSeconds(10).toNanos();
    while (true) {
      try {
        writeOnce(statements);
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > giveUp || e.getMessage() == null || !e.getMessage().contains("different configuration")) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void writeOnce(List<String> statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
      // Written to the file itself, so a reader never replays a write-ahead log.
      statement.execute("CHECKPOINT");
    }
  }

  @Override
  public void close() {
    // The file goes with the benchmark's folder.
  }
}
