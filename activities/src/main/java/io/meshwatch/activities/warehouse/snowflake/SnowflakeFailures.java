package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Turns Snowflake errors into {@link WarehouseException}s by error code and SQLSTATE alone: server
 * messages can quote data values ("Numeric value 'abc' is not recognized"), so they are never
 * passed on.
 */
final class SnowflakeFailures {

  /** Login failures (wrong password or key, locked user, unknown role or database at login). */
  private static final int LOGIN_ERRORS_FROM = 390_000;
  private static final int LOGIN_ERRORS_TO = 399_999;
  private static final int STATEMENT_TIMEOUT = 630;
  private static final int NO_ACTIVE_WAREHOUSE = 606;
  private static final int OBJECT_DOES_NOT_EXIST = 2003;
  private static final int OBJECT_DOES_NOT_EXIST_OR_CANNOT_BE_USED = 2043;
  private static final int INVALID_IDENTIFIER = 904;
  private static final int INSUFFICIENT_PRIVILEGES = 3001;

  private SnowflakeFailures() {}

  static WarehouseException classify(String connection, SQLException e, Duration timeout) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    int code = e.getErrorCode();
    String where = "Snowflake connection '" + connection + "'";
    String reference = "(error " + code + (state.isEmpty() ? "" : ", SQLSTATE " + state) + ")";
    if (code >= LOGIN_ERRORS_FROM && code <= LOGIN_ERRORS_TO) {
      return new WarehouseException(WarehouseFailure.AUTHENTICATION,
          where + " refused the login " + reference + ": check the user, the password or key pair, and the role");
    }
    if (code == STATEMENT_TIMEOUT || state.equals("57014")) {
      return new WarehouseException(WarehouseFailure.TIMEOUT, "the statement on " + where + " ran past its "
          + timeout.toSeconds() + " s timeout and was cancelled " + reference);
    }
    if (state.startsWith("08") || state.equals("58030")) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE, "cannot connect to " + where + " " + reference);
    }
    if (code == NO_ACTIVE_WAREHOUSE || state.equals("57P03")) {
      return new WarehouseException(WarehouseFailure.UNREACHABLE, where + " has no usable warehouse " + reference
          + ": set the connection's warehouse property and grant its role USAGE on it");
    }
    if (code == INSUFFICIENT_PRIVILEGES || state.equals("42501")) {
      return new WarehouseException(WarehouseFailure.AUTHENTICATION,
          "the role of " + where + " lacks a privilege the statement needs " + reference);
    }
    if (code == OBJECT_DOES_NOT_EXIST || code == OBJECT_DOES_NOT_EXIST_OR_CANNOT_BE_USED || state.equals("42S02")) {
      return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, "the table, schema or database no longer exists"
          + " on " + where + ", or its role is not granted access to it " + reference);
    }
    if (code == INVALID_IDENTIFIER) {
      return new WarehouseException(WarehouseFailure.COLUMN_NOT_FOUND, "a column the scan reads no longer exists on "
          + where + " " + reference + "; it was dropped or renamed after the catalog was read");
    }
    if (state.startsWith("22")) {
      return new WarehouseException(WarehouseFailure.DATA_ERROR, "the data raised " + reference + " on " + where
          + " (a data exception, for example an overflow in a custom check's arithmetic)");
    }
    return new WarehouseException(WarehouseFailure.QUERY_ERROR, where + " refused the statement " + reference);
  }
}
