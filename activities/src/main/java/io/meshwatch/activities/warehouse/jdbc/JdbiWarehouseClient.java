package io.meshwatch.activities.warehouse.jdbc;

import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.RenderedSqlParser;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.activities.warehouse.WarehouseSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.result.ResultSetScanner;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * What every warehouse reached through JDBI does the same way: each call opens a handle and runs in
 * one read-only transaction that is rolled back at the end; each statement is tallied before it is
 * sent; every {@link JdbiException} becomes a {@link WarehouseException} whose message holds no data
 * values; and the fused scan binds its parameters and reads its one row.
 *
 * <p>An engine supplies what differs: its dialect, catalog resolution and version probe (the
 * {@link WarehouseClient} methods left open here), the session set-up ({@link #setUpTransaction}:
 * read-only, statement timeout, query tag), the failure classification ({@link #classify}), and,
 * when plain JDBC transactions or a server-side timeout do not serve, its own
 * {@link #beginTransaction}, {@link #rollbackTransaction} and {@link #deadline}.
 */
public abstract class JdbiWarehouseClient implements WarehouseClient {

  private final String engine;
  private final String connection;
  private final Jdbi jdbi;
  private final Duration statementTimeout;

  /** {@code engine} is the product name used in messages ("PostgreSQL"). */
  protected JdbiWarehouseClient(String engine, String connection, Jdbi jdbi, Duration statementTimeout) {
    this.engine = Objects.requireNonNull(engine);
    this.connection = Objects.requireNonNull(connection);
    this.jdbi = Objects.requireNonNull(jdbi);
    this.statementTimeout = Objects.requireNonNull(statementTimeout);
  }

  /** The name of the connection in worker config. */
  protected final String connection() {
    return connection;
  }

  protected final Duration statementTimeout() {
    return statementTimeout;
  }

  /** "PostgreSQL connection 'default'", for messages. */
  protected final String described() {
    return engine + " connection '" + connection + "'";
  }

  @Override
  public final ScanRow scan(ScanQuery scan, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> scan(handle, scan, context));
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> columns(handle, table, context));
  }

  /** The catalog read and the scan on one handle, in one read-only transaction. */
  @Override
  public <T> T inSession(QueryContext context, WarehouseSession.Work<T> work) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> work.run(new WarehouseSession() {
      @Override
      public ResolvedTable columns(TableName table) throws WarehouseException {
        return JdbiWarehouseClient.this.columns(handle, table, context);
      }

      @Override
      public ScanRow measure(ResolvedTable table, ScanPlan plan) throws WarehouseException {
        return scan(handle, plan.query(), context);
      }
    }));
  }

  /** The table's actual name and columns, read from the catalog on an open handle. */
  protected abstract ResolvedTable columns(Handle handle, TableName table, QueryContext context)
      throws WarehouseException;

  private ScanRow scan(Handle handle, ScanQuery scan, QueryContext context) throws WarehouseException {
    // The scan is rendered SQL with positional parameters: JDBI's templating and parameter parser
    // read backslashes as escapes and would change a literal such as 'it''s a\\b'.
    Query query = handle.createQuery(scan.sql()).configure(SqlStatements.class,
        statements -> statements.setTemplateEngine(TemplateEngine.NOP).setSqlParser(new RenderedSqlParser()));
    for (int i = 0; i < scan.parameters().size(); i++) {
      query.bind(i, ObjectArgument.of(scan.parameters().get(i)));
    }
    return firstRow(query, context, StatementKind.SCAN, rs -> {
      List<Object> values = new ArrayList<>();
      for (int column = 1; column <= scan.columns(); column++) {
        values.add(rs.getObject(column));
      }
      return new ScanRow(values);
    });
  }

  /**
   * Runs {@code work} in one read-only transaction on a handle of its own. Public so that each
   * engine's tests can look inside the transaction its hooks set up.
   */
  public final <T> T inReadOnlyTransaction(QueryContext context, Work<T> work) throws WarehouseException {
    Handle handle;
    try {
      handle = jdbi.open();
    } catch (JdbiException e) {
      throw failure(e, false);
    }
    try (handle) {
      beginTransaction(handle, context);
      try {
        setUpTransaction(handle, context);
        return work.run(handle);
      } finally {
        try {
          rollbackTransaction(handle, context);
        } catch (JdbiException alreadyEnded) {
          // A cancelled or failed statement may have ended the transaction, or the connection is
          // gone; closing it discards whatever is left, and the original failure is the one to report.
        }
      }
    } catch (JdbiException e) {
      throw failure(e, false);
    }
  }

  /** Reads the first row with {@code reader}, or returns null when there is none. */
  protected final <T> T firstRow(Query query, QueryContext context, StatementKind kind, RowReader<T> reader)
      throws WarehouseException {
    return execute(query, context, kind, (supplier, ctx) -> {
      ResultSet rs = supplier.get();
      return rs.next() ? reader.read(rs) : null;
    });
  }

  /** Reads each row with {@code reader}; empty when there is none. */
  protected final <T> List<T> allRows(Query query, QueryContext context, StatementKind kind, RowReader<T> reader)
      throws WarehouseException {
    return execute(query, context, kind, (supplier, ctx) -> {
      ResultSet rs = supplier.get();
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
      return rows;
    });
  }

  private <T> T execute(Query query, QueryContext context, StatementKind kind, ResultSetScanner<T> scanner)
      throws WarehouseException {
    Deadline deadline = deadline();
    query.addCustomizer(deadline);
    context.tally().record(kind);
    try {
      return query.scanResultSet(scanner);
    } catch (JdbiException e) {
      throw failure(e, deadline.fired());
    } finally {
      deadline.stop();
    }
  }

  /** The failure for a table the catalog does not know. */
  protected final WarehouseException tableNotFound(TableName table) {
    return new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
        "table " + table.display() + " does not exist in " + described());
  }

  private WarehouseException failure(JdbiException e, boolean timedOut) {
    // A connection pool wraps the driver's error in one of its own without a SQL state: the
    // driver's, which says what went wrong, is the first with a state.
    SQLException first = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        if (sql.getSQLState() != null) {
          return classify(sql, timedOut);
        }
        first = first == null ? sql : first;
      }
    }
    if (first != null) {
      return classify(first, timedOut);
    }
    return new WarehouseException(WarehouseFailure.QUERY_ERROR,
        described() + " failed (" + e.getClass().getSimpleName() + ")");
  }

  /**
   * Starts the transaction on a fresh handle. The default is a JDBC transaction, which sends no
   * statement; an engine that must say {@code READ ONLY} in its {@code BEGIN} overrides this and
   * tallies what it sends as {@link StatementKind#SESSION}. Nothing is rolled back when this fails.
   */
  protected void beginTransaction(Handle handle, QueryContext context) {
    handle.begin();
  }

  /**
   * The first statements of the transaction: make it read-only (unless {@link #beginTransaction}
   * did), set the statement timeout and attach {@code context.tag()} where the engine has them, and
   * tally each as {@link StatementKind#SESSION}. The transaction is rolled back when this fails.
   */
  protected abstract void setUpTransaction(Handle handle, QueryContext context);

  /**
   * Ends the transaction keeping nothing, after the work or its failure; a {@link JdbiException}
   * from here is ignored. The default matches the default {@link #beginTransaction}.
   */
  protected void rollbackTransaction(Handle handle, QueryContext context) {
    handle.rollback();
  }

  /**
   * A deadline enforced by meshwatch for one statement, created afresh for each; only for an engine
   * that has no statement timeout of its own. The default does nothing, for engines whose
   * {@link #setUpTransaction} sets the timeout.
   */
  protected Deadline deadline() {
    return Deadline.NONE;
  }

  /**
   * The failure a statement's {@link SQLException} means. {@code timedOut} is true when the
   * statement's {@link #deadline} cancelled it.
   */
  protected abstract WarehouseException classify(SQLException e, boolean timedOut);

  @FunctionalInterface
  public interface Work<T> {
    T run(Handle handle) throws WarehouseException;
  }

  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Cancels a statement that runs too long; stopped whether or not the statement succeeded. */
  public interface Deadline extends StatementCustomizer {

    Deadline NONE = new Deadline() {
      @Override
      public boolean fired() {
        return false;
      }

      @Override
      public void stop() {}
    };

    /** Whether the deadline passed and cancelled the statement. */
    boolean fired();

    void stop();
  }
}
