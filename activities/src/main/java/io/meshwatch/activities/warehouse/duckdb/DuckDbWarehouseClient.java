package io.meshwatch.activities.warehouse.duckdb;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.FreshnessColumn;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.statement.Query;

/**
 * DuckDB as a warehouse (small set-ups and the demo). Each call opens a connection, so a database
 * file written by another process between polls is seen afresh; with {@code readOnly} the file is
 * opened read-only, and every call runs in {@code BEGIN TRANSACTION READ ONLY} either way. DuckDB
 * keeps no query log to tag, so statements carry only the constant {@link Dialect#STATEMENT_LABEL}.
 *
 * <p>Data version: row count plus {@code MAX(freshness_column)}. DuckDB keeps no modification
 * counter, so the version misses an in-place UPDATE that leaves the freshness column's maximum
 * alone, and a delete plus insert of as many rows; without a freshness column it sees only changes
 * of the row count.
 */
public final class DuckDbWarehouseClient implements WarehouseClient {

  private final String connection;
  private final Jdbi jdbi;
  private final Duration statementTimeout;

  public DuckDbWarehouseClient(String connection, Jdbi jdbi, Duration statementTimeout) {
    this.connection = connection;
    this.jdbi = jdbi;
    this.statementTimeout = statementTimeout;
  }

  public static DuckDbWarehouseClient open(ConnectionSettings settings) {
    return new DuckDbWarehouseClient(settings.name(), jdbi(settings), settings.statementTimeout());
  }

  /** The JDBI instance for a connection: opens the database read-only when the settings ask. */
  public static Jdbi jdbi(ConnectionSettings settings) {
    Properties properties = new Properties();
    properties.putAll(settings.properties());
    if (settings.readOnly()) {
      properties.setProperty("duckdb.read_only", "true");
    }
    return Jdbi.create(settings.jdbcUrl(), properties);
  }

  @Override
  public Dialect dialect() {
    return Dialect.DUCKDB;
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> resolve(handle, table, context));
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> {
      ResolvedTable resolved = resolve(handle, table, context);
      FreshnessColumn freshness = freshnessColumn == null ? null : FreshnessColumn.resolve(resolved, freshnessColumn);
      boolean readMax = freshness != null && freshness.usable();
      String sql = Dialect.STATEMENT_LABEL + " SELECT count(*)"
          + (readMax ? ", max(" + dialect().quoteIdentifier(freshness.column().name()) + ")" : "")
          + " FROM " + dialect().tableName(resolved.name());
      Query query = handle.createQuery(sql);
      List<Object> row = execute(query, context, StatementKind.METADATA, rs -> {
        List<Object> values = new ArrayList<>();
        values.add(rs.getLong(1));
        values.add(readMax ? rs.getObject(2, freshness.javaType()) : null);
        return values;
      });
      long rows = (Long) row.get(0);
      Instant lastUpdated = FreshnessColumn.toInstant(row.get(1));
      String version = "duckdb:" + rows + ":" + (lastUpdated == null ? "-" : lastUpdated.toString());
      return new TableProbe(resolved, version, lastUpdated, rows, freshness == null ? null : freshness.problem());
    });
  }

  @Override
  public ScanRow scan(ScanQuery scan, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> {
      Query query = handle.createQuery(scan.sql());
      for (int i = 0; i < scan.parameters().size(); i++) {
        query.bind(i, ObjectArgument.of(scan.parameters().get(i)));
      }
      return execute(query, context, StatementKind.SCAN, rs -> {
        List<Object> values = new ArrayList<>();
        for (int column = 1; column <= scan.columns(); column++) {
          values.add(rs.getObject(column));
        }
        return new ScanRow(values);
      });
    });
  }

  private ResolvedTable resolve(Handle handle, TableName table, QueryContext context) throws WarehouseException {
    // DuckDB matches identifiers case-insensitively, so the catalog is searched the same way.
    Query query = handle.createQuery(Dialect.STATEMENT_LABEL + """
         SELECT table_catalog, table_schema, table_name, column_name, data_type
        FROM information_schema.columns
        WHERE lower(table_catalog) = lower(coalesce(?, current_database()))
          AND lower(table_schema) = lower(coalesce(?, current_schema()))
          AND lower(table_name) = lower(?)
        ORDER BY ordinal_position""")
        .bind(0, table.catalog())
        .bind(1, table.schema())
        .bind(2, table.table());
    List<String[]> rows = execute(query, context, StatementKind.METADATA, rs -> {
      List<String[]> all = new ArrayList<>();
      do {
        all.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
      } while (rs.next());
      return all;
    });
    if (rows == null) {
      throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
          "table " + table.display() + " does not exist in DuckDB connection '" + connection + "'");
    }
    String[] first = rows.get(0);
    List<TableColumn> columns = rows.stream().map(r -> new TableColumn(r[3], r[4])).toList();
    return new ResolvedTable(new TableName(first[0], first[1], first[2]), columns);
  }

  /** Reads the first row with {@code reader}, or returns null when there is none. */
  private <T> T execute(Query query, QueryContext context, StatementKind kind, RowReader<T> reader)
      throws WarehouseException {
    CancelAfter deadline = new CancelAfter(statementTimeout);
    query.addCustomizer(deadline);
    context.tally().record(kind);
    try {
      return query.scanResultSet((supplier, ctx) -> {
        var rs = supplier.get();
        return rs.next() ? reader.read(rs) : null;
      });
    } catch (JdbiException e) {
      throw failure(e, deadline.fired());
    } finally {
      deadline.stop();
    }
  }

  /** Runs {@code work} in one read-only transaction; package-private so tests can look inside. */
  <T> T inReadOnlyTransaction(QueryContext context, Work<T> work) throws WarehouseException {
    Handle handle;
    try {
      handle = jdbi.open();
    } catch (JdbiException e) {
      throw failure(e, false);
    }
    try (handle) {
      context.tally().record(StatementKind.SESSION);
      handle.execute("BEGIN TRANSACTION READ ONLY");
      try {
        return work.run(handle);
      } finally {
        rollback(handle, context);
      }
    } catch (JdbiException e) {
      throw failure(e, false);
    }
  }

  private static void rollback(Handle handle, QueryContext context) {
    context.tally().record(StatementKind.SESSION);
    try {
      handle.execute("ROLLBACK");
    } catch (JdbiException alreadyAborted) {
      // A cancelled or failed statement may have ended the transaction; closing the connection
      // discards whatever is left, and the original failure is the one to report.
    }
  }

  private WarehouseException failure(JdbiException e, boolean timedOut) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return DuckDbFailures.classify(connection, sql, timedOut, statementTimeout);
      }
    }
    return new WarehouseException(WarehouseFailure.QUERY_ERROR,
        "DuckDB connection '" + connection + "' failed (" + e.getClass().getSimpleName() + ")");
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Handle handle) throws WarehouseException;
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(java.sql.ResultSet rs) throws SQLException;
  }
}
