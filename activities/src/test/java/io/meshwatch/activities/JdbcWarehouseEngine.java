package io.meshwatch.activities;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** An engine whose writer is a plain JDBC session. */
abstract class JdbcWarehouseEngine implements WarehouseEngine {

  /** A new session of the writer, closed by the caller. */
  abstract Connection writer() throws SQLException;

  @Override
  public void write(String... statements) {
    try (Connection connection = writer(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Object selectOne(String sql) {
    try (Connection connection = writer();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getObject(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
