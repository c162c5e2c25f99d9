package io.meshwatch.worker.bench;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A warehouse the benchmark starts for itself and removes afterwards: a DuckDB file or an embedded
 * PostgreSQL, each in a temporary folder. meshwatch reaches it through {@link #settings()} as
 * through any configured connection; the benchmark writes the tables and runs the comparison
 * queries over its own JDBC connections.
 */
sealed interface BenchWarehouse extends AutoCloseable permits DuckDbBenchWarehouse, PostgresBenchWarehouse {

  /** The connection name the generated specs use. */
  String CONNECTION = "bench";

  static BenchWarehouse start(BenchEngine engine, Path folder) throws IOException, SQLException {
    return switch (engine) {
      case DUCKDB -> DuckDbBenchWarehouse.create(folder);
      case POSTGRES -> PostgresBenchWarehouse.start(folder);
    };
  }

  BenchEngine engine();

  /** meshwatch's connection to the warehouse, as worker config would give it. */
  ConnectionSettings settings();

  /** A connection for the comparison queries; only reads. */
  Connection openReader() throws SQLException;

  /** Runs writes and makes them visible to meshwatch's data version at once. */
  void write(List<String> statements) throws SQLException;

  /** The engine and its version, for the report. */
  default String describe() throws SQLException {
    try (Connection connection = openReader();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  void close() throws IOException;
}
