package io.meshwatch.worker.bench;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.worker.embedded.EmbeddedStore;
import io.meshwatch.workflows.model.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** An embedded PostgreSQL (the binaries meshwatch's embedded mode runs) with its data in the benchmark's folder. */
final class PostgresBenchWarehouse implements BenchWarehouse {

  private final EmbeddedStore postgres;

  private PostgresBenchWarehouse(EmbeddedStore postgres) {
    this.postgres = postgres;
  }

  static PostgresBenchWarehouse start(Path folder) throws IOException {
    return new PostgresBenchWarehouse(EmbeddedStore.start(folder.resolve("postgres")));
  }

  @Override
  public BenchEngine engine() {
    return BenchEngine.POSTGRES;
  }

  @Override
  public ConnectionSettings settings() {
    return ConnectionSettings.of(CONNECTION, OutputFormat.POSTGRES, postgres.jdbcUrl(), postgres.user(), null)
        .withStatementTimeout(Duration.ofMinutes(10));
  }

  @Override
  public Connection openReader() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", postgres.user());
    return DriverManager.getConnection(postgres.jdbcUrl(), properties);
  }

  @Override
  public void write(List<String> statements) throws SQLException {
    try (Connection connection = openReader();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
      // The statistics counters behind the data version are published at once, not within a minute.
      statement.execute("SELECT pg_stat_force_next_flush()");
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
