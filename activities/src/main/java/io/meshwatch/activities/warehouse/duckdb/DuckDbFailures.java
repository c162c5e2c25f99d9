package io.meshwatch.activities.warehouse.duckdb;

import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;

/**
 * Turns DuckDB's errors into {@link WarehouseException}s. DuckDB sets no SQLSTATE; its messages
 * start with an error class ("Conversion Error: ...") followed by details that can quote data
 * values, so only the class is passed on, except for errors about opening the database, whose
 * details are the file and configuration, not data.
 */
final class DuckDbFailures {

  private DuckDbFailures() {}

  static WarehouseException classify(String connection, SQLException e, boolean timedOut, Duration timeout) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String errorClass = errorClass(message);
    if (timedOut || e instanceof SQLTimeoutException || errorClass.equals("INTERRUPT Error")) {
      return new WarehouseException(WarehouseFailure.TIMEOUT,
          "the statement on DuckDB connection '" + connection + "' ran past its " + timeout.toMillis()
              + " ms timeout and was cancelled");
    }
    if (errorClass.equals("IO Error") || errorClass.equals("Connection Error")) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE,
          "cannot open the database of DuckDB connection '" + connection + "': " + firstLine(message));
    }
    if (errorClass.equals("Catalog Error")) {
      return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
          "DuckDB connection '" + connection + "' reports a Catalog Error: the table or schema does not exist");
    }
    if (errorClass.equals("Binder Error")) {
      return new WarehouseException(WarehouseFailure.COLUMN_NOT_FOUND,
          "DuckDB connection '" + connection + "' reports a Binder Error: a column the scan reads no longer exists or"
              + " changed type since the catalog was read");
    }
    if (errorClass.equals("Conversion Error") || errorClass.equals("Out of Range Error")
        || errorClass.equals("Invalid Input Error")) {
      return new WarehouseException(WarehouseFailure.DATA_ERROR,
          "the data raised a " + errorClass + " on DuckDB connection '" + connection
              + "' (for example an overflow in a custom check's arithmetic)");
    }
    return new WarehouseException(WarehouseFailure.QUERY_ERROR,
        "DuckDB connection '" + connection + "' refused the statement ("
            + (errorClass.isEmpty() ? e.getClass().getSimpleName() : errorClass) + ")");
  }

  /** "Conversion Error" from "Conversion Error: Could not convert ...", or "" without one. */
  private static String errorClass(String message) {
    int colon = message.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    String head = message.substring(0, colon);
    return head.matches("[A-Za-z ]{1,40} Error") ? head : "";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
