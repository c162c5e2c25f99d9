package io.meshwatch.activities.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.workflows.model.OutputFormat;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseClientTest {

  @TempDir
  static Path directory;

  private static String url;

  @BeforeAll
  static void createDatabase() throws Exception {
    url = "jdbc:duckdb:" + directory.resolve("readonly.duckdb");
    try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (x integer)");
    }
  }

  /** Released after each call: the tests open the file with other settings in between. */
  private ConnectionSettings settings() {
    return new ConnectionSettings("duck", OutputFormat.DUCKDB, url, null, null, null, true,
        Map.of(DuckDbWarehouseClient.KEEP_OPEN, "PT0S"));
  }

  private static QueryContext context(StatementTally tally) {
    return new QueryContext(new QueryTag("meshwatch:a/b"), tally);
  }

  @Test
  void theDatabaseFileIsOpenedReadOnly() {
    Jdbi jdbi = DuckDbWarehouseClient.jdbi(settings());

    Throwable write = catchThrowable(() -> jdbi.useHandle(handle -> handle.execute("INSERT INTO t VALUES (1)")));

    assertThat(write).hasMessageContaining("read-only mode");
  }

  @Test
  void aReadWriteConnectionStillRunsMeshwatchInReadOnlyTransactions() throws Exception {
    ConnectionSettings settings = settings()
        .withReadOnly(false)
        .withStatementTimeout(Duration.ofSeconds(5));
    DuckDbWarehouseClient client = DuckDbWarehouseClient.open(settings);
    StatementTally tally = new StatementTally();

    Throwable write = client.inReadOnlyTransaction(context(tally),
        handle -> catchThrowable(() -> handle.execute("INSERT INTO t VALUES (1)")));

    assertThat(write).hasMessageContaining("read-only mode");
    assertThat(tally.count(StatementKind.SESSION)).isEqualTo(2);
  }
}
