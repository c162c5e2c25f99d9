package io.meshwatch.activities.warehouse.postgres;

import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Turns PostgreSQL errors into {@link WarehouseException}s by SQLSTATE alone: server messages can
 * quote data values ("invalid input syntax for type integer: ..."), so they are never passed on.
 */
final class PostgresFailures {

  private PostgresFailures() {}

  static WarehouseException classify(String connection, SQLException e, Duration timeout) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = "PostgreSQL connection '" + connection + "'";
    if (state.equals("57014")) {
      return new WarehouseException(WarehouseFailure.TIMEOUT,
          "the statement on " + where + " ran past its " + timeout.toMillis() + " ms timeout and was cancelled");
    }
    if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03") || state.equals("53300")) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE,
          "cannot connect to " + where + " (SQLSTATE " + state + ")");
    }
    if (state.startsWith("28")) {
      return new WarehouseException(WarehouseFailure.AUTHENTICATION,
          where + " refused the credentials or the role (SQLSTATE " + state + ")");
    }
    if (state.equals("3D000")) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE,
          "the database of " + where + " does not exist (SQLSTATE 3D000)");
    }
    if (state.equals("42P01") || state.equals("3F000")) {
      return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
          "the table or schema no longer exists on " + where + " (SQLSTATE " + state + ")");
    }
    if (state.equals("42703")) {
      return new WarehouseException(WarehouseFailure.COLUMN_NOT_FOUND,
          "a column the scan reads no longer exists on " + where + " (SQLSTATE 42703); it was dropped or renamed"
              + " after the catalog was read");
    }
    if (state.startsWith("22")) {
      return new WarehouseException(WarehouseFailure.DATA_ERROR,
          "the data raised SQLSTATE " + state + " on " + where
              + " (a data exception, for example an overflow in a custom check's arithmetic)");
    }
    return new WarehouseException(WarehouseFailure.QUERY_ERROR,
        where + " refused the statement (SQLSTATE " + (state.isEmpty() ? "unknown" : state) + ")");
  }
}
