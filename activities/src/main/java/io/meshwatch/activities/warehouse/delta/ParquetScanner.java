package io.meshwatch.activities.warehouse.delta;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.activities.warehouse.duckdb.CancelAfter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.duckdb.DuckDBConnection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlLogger;

/**
 * Runs a fused scan over Delta data files in DuckDB, which reads Parquet itself ({@code read_parquet}
 * is built in). The planner's statement reads the table by its name; the files are given that name
 * in a {@code WITH} clause, so the statement runs unchanged:
 *
 * <pre>
 * /* meshwatch *&#47; WITH "/data/orders" AS (SELECT ... FROM read_parquet([...])) SELECT count(*) AS m0, ... FROM "/data/orders"
 * </pre>
 *
 * One in-memory DuckDB per Delta connection, opened at the first scan, serves every scan through a
 * DuckDB connection of its own (opening a database costs far more than connecting to it). It holds
 * no tables, only settings: the time zone is UTC (so Delta's {@code timestamp}, an instant, compares
 * and prints the same everywhere), and the connection's {@code duckdb.} settings. Each scan runs in
 * a read-only transaction with the statement timeout. DuckDB's error texts can quote values, so only
 * their error class is passed on.
 */
final class ParquetScanner {

  private final String connection;
  private final Duration timeout;
  private final Map<String, String> settings;
  private final Jdbi jdbi;
  private DuckDBConnection database;
  private boolean configured;

  ParquetScanner(String connection, Duration timeout, Map<String, String> settings, SqlLogger logger) {
    this.connection = Objects.requireNonNull(connection);
    this.timeout = Objects.requireNonNull(timeout);
    this.settings = new TreeMap<>(settings);
    this.jdbi = Jdbi.create(this::newConnection);
    jdbi.setSqlLogger(logger);
  }

  /** Runs {@code query} with its table read from {@code source} (a {@link ParquetSource}). */
  ScanRow scan(ScanQuery query, String source, DeltaLocation location, QueryContext context) throws WarehouseException {
    String statement = query.sql().startsWith(Dialect.STATEMENT_LABEL)
        ? query.sql().substring(Dialect.STATEMENT_LABEL.length()).strip()
        : query.sql();
    String sql = Dialect.STATEMENT_LABEL + " WITH " + Dialect.DUCKDB.tableName(query.table()) + " AS (" + source + ") "
        + statement;
    Handle handle;
    try {
      handle = jdbi.open();
    } catch (JdbiException e) {
      throw new WarehouseException(WarehouseFailure.UNREACHABLE,
          "cannot start DuckDB to read the data files of the Delta table at " + location.text() + " ("
              + errorClass(e) + ")");
    }
    try (handle) {
      configure(handle, context);
      context.tally().record(StatementKind.SESSION);
      handle.execute("BEGIN TRANSACTION READ ONLY");
      try {
        return run(handle, sql, query, location, context);
      } finally {
        context.tally().record(StatementKind.SESSION);
        try {
          handle.execute("ROLLBACK");
        } catch (JdbiException alreadyAborted) {
          // A cancelled or failed scan may have ended the transaction; closing the connection
          // discards the rest, and the scan's own failure is the one to report.
        }
      }
    } catch (JdbiException e) {
      throw new WarehouseException(WarehouseFailure.QUERY_ERROR,
          "DuckDB failed to read the data files of the Delta table at " + location.text() + " (" + errorClass(e) + ")");
    }
  }

  private synchronized Connection newConnection() throws SQLException {
    if (database == null) {
      database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    }
    return database.duplicate();
  }

  /** Applies the settings to the database once; after a refused one the next scan tries again. */
  private synchronized void configure(Handle handle, QueryContext context) throws WarehouseException {
    if (configured) {
      return;
    }
    context.tally().record(StatementKind.SESSION);
    handle.execute("SET GLOBAL TimeZone = 'UTC'");
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      context.tally().record(StatementKind.SESSION);
      try {
        handle.execute("SET GLOBAL " + setting.getKey() + " = " + Dialect.DUCKDB.stringLiteral(setting.getValue()));
      } catch (JdbiException e) {
        // The value is left out: it may be a secret.
        throw new WarehouseException(WarehouseFailure.QUERY_ERROR, "DuckDB refused the setting duckdb."
            + setting.getKey() + " of Delta connection '" + connection + "' (" + errorClass(e) + ")");
      }
    }
    configured = true;
  }

  private ScanRow run(Handle handle, String sql, ScanQuery scan, DeltaLocation location, QueryContext context)
      throws WarehouseException {
    Query query = handle.createQuery(sql);
    for (int i = 0; i < scan.parameters().size(); i++) {
      query.bind(i, ObjectArgument.of(scan.parameters().get(i)));
    }
    CancelAfter deadline = new CancelAfter(timeout);
    query.addCustomizer(deadline);
    context.tally().record(StatementKind.SCAN);
    try {
      return query.scanResultSet((supplier, ctx) -> {
        var rs = supplier.get();
        rs.next();
        List<Object> values = new ArrayList<>();
        for (int column = 1; column <= scan.columns(); column++) {
          values.add(rs.getObject(column));
        }
        return new ScanRow(values);
      });
    } catch (JdbiException e) {
      throw failure(e, deadline.fired(), location);
    } finally {
      deadline.stop();
    }
  }

  private WarehouseException failure(JdbiException e, boolean timedOut, DeltaLocation location) {
    String errorClass = errorClass(e);
    String files = "the data files of the Delta table at " + location.text();
    if (timedOut || cause(e) instanceof SQLTimeoutException || errorClass.equals("INTERRUPT Error")) {
      return new WarehouseException(WarehouseFailure.TIMEOUT,
          "the scan of " + files + " ran past its " + timeout.toMillis() + " ms timeout and was cancelled");
    }
    return switch (errorClass) {
      case "IO Error", "HTTP Error" -> new WarehouseException(WarehouseFailure.UNREACHABLE,
          "cannot read " + files + " (" + errorClass + "); a file the log lists may have been removed (VACUUM)"
              + " since the log was read, or the storage is unreachable");
      case "Binder Error" -> new WarehouseException(WarehouseFailure.COLUMN_NOT_FOUND,
          "DuckDB reports a Binder Error reading " + files + ": a column the scan reads is missing from them or"
              + " has another type");
      case "Conversion Error", "Out of Range Error", "Invalid Input Error" -> new WarehouseException(
          WarehouseFailure.DATA_ERROR, "the data raised a " + errorClass + " while scanning " + files
              + " (for example an overflow in a custom check's arithmetic, or a damaged Parquet file)");
      default -> new WarehouseException(WarehouseFailure.QUERY_ERROR,
          "DuckDB refused the scan of " + files + " (" + (errorClass.isEmpty() ? "no error class" : errorClass) + ")");
    };
  }

  private static Throwable cause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException) {
        return cause;
      }
    }
    return e;
  }

  /** "Conversion Error" from "Conversion Error: Could not convert ...", or "" without one. */
  private static String errorClass(Throwable e) {
    String message = cause(e).getMessage() == null ? "" : cause(e).getMessage();
    int colon = message.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    String head = message.substring(0, colon);
    return head.matches("[A-Za-z ]{1,40} Error") ? head : "";
  }
}
