package io.meshwatch.activities.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldDatabaseTest {

  @TempDir
  Path directory;

  private String url;

  @BeforeEach
  void createDatabase() throws SQLException {
    url = "jdbc:duckdb:" + directory.resolve("held.duckdb");
    write("CREATE TABLE t AS SELECT 1 AS x");
  }

  private void write(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Properties readOnly() {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return properties;
  }

  private static long count(HeldDatabase database) throws SQLException {
    Connection connection = database.openConnection();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT count(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    } finally {
      database.closeConnection(connection);
    }
  }

  @Test
  void callsThatFollowEachOtherShareOneOpening() throws SQLException {
    HeldDatabase database = new HeldDatabase(url, readOnly(), Duration.ofMinutes(1));

    for (int i = 0; i < 5; i++) {
      assertThat(count(database)).isEqualTo(1);
    }

    assertThat(database.instancesOpened()).isEqualTo(1);
    assertThat(database.isOpen()).isTrue();
  }

  @Test
  void aReadOnlyDatabaseHandsOutTheConnectionsItsCallsReturnedAndAReadWriteOneFreshOnes() throws SQLException {
    HeldDatabase readOnly = new HeldDatabase(url, readOnly(), Duration.ofMinutes(1));
    Connection first = readOnly.openConnection();
    readOnly.closeConnection(first);
    Connection again = readOnly.openConnection();
    assertThat(again).isSameAs(first);
    assertThat(again.isClosed()).isFalse();
    readOnly.closeConnection(again);

    HeldDatabase readWrite = new HeldDatabase("jdbc:duckdb:" + directory.resolve("other.duckdb"), new Properties(),
        Duration.ofMinutes(1));
    Connection used = readWrite.openConnection();
    readWrite.closeConnection(used);
    assertThat(used.isClosed()).isTrue();
    Connection fresh = readWrite.openConnection();
    assertThat(fresh).isNotSameAs(used);
    readWrite.closeConnection(fresh);
  }

  @Test
  void callsAtTheSameTimeShareOneOpeningAndEachHasItsOwnConnection() throws SQLException {
    HeldDatabase database = new HeldDatabase(url, readOnly(), Duration.ZERO);

    Connection first = database.openConnection();
    Connection second = database.openConnection();
    assertThat(second).isNotSameAs(first);
    database.closeConnection(first);
    assertThat(database.isOpen()).as("still in use by the second call").isTrue();
    database.closeConnection(second);

    assertThat(database.instancesOpened()).isEqualTo(1);
    assertThat(database.isOpen()).isFalse();
  }

  @Test
  void theFileIsReleasedAfterKeepOpenSoAWriterCanWriteAndTheNextCallSeesIt() throws Exception {
    HeldDatabase database = new HeldDatabase(url, readOnly(), Duration.ofMillis(200));
    assertThat(count(database)).isEqualTo(1);

    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (database.isOpen() && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    assertThat(database.isOpen()).as("released after keep_open").isFalse();
    write("INSERT INTO t VALUES (2)");

    assertThat(count(database)).isEqualTo(2);
    assertThat(database.instancesOpened()).isEqualTo(2);
  }

  @Test
  void withoutKeepOpenTheFileIsReleasedWhenTheCallEnds() throws SQLException {
    HeldDatabase database = new HeldDatabase(url, readOnly(), Duration.ZERO);

    assertThat(count(database)).isEqualTo(1);
    assertThat(database.isOpen()).isFalse();
    write("INSERT INTO t VALUES (2)");
    assertThat(count(database)).isEqualTo(2);
  }
}
