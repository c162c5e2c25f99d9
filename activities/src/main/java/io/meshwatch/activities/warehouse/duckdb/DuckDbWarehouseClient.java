package io.meshwatch.activities.warehouse.duckdb;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.FreshnessColumn;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.jdbc.JdbiWarehouseClient;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * DuckDB as a warehouse (small set-ups and the demo). The database is held open while calls use it
 * and for {@code keep_open} after ({@link HeldDatabase}), then released, so a database file written
 * by another process between polls is seen afresh. With {@code readOnly} (the default) the file is
 * opened read-only, which guards every call by itself; a database opened read-write (the demo, whose
 * worker writes the file) has each call run in {@code BEGIN TRANSACTION READ ONLY}. DuckDB keeps no
 * query log to tag, so statements carry only the constant {@link Dialect#STATEMENT_LABEL},
 * and it has no statement timeout, so meshwatch cancels a statement that runs past its own.
 *
 * <p>Data version: row count plus {@code MAX(freshness_column)}. DuckDB keeps no modification
 * counter, so the version misses an in-place UPDATE that leaves the freshness column's maximum
 * alone, and a delete plus insert of as many rows; without a freshness column it sees only changes
 * of the row count.
 */
public final class DuckDbWarehouseClient extends JdbiWarehouseClient {

  /** meshwatch's own connection property: how long the database stays open after the last call. */
  public static final String KEEP_OPEN = "keep_open";
  public static final Duration DEFAULT_KEEP_OPEN = Duration.ofSeconds(2);

  private final boolean readOnlyDatabase;

  /** A client on a database opened read-write: every call runs in a read-only transaction. */
  public DuckDbWarehouseClient(String connection, Jdbi jdbi, Duration statementTimeout) {
    this(connection, jdbi, statementTimeout, false);
  }

  /**
   * {@code readOnlyDatabase}: the JDBI instance opens the file read-only ({@link #jdbi} with
   * {@code readOnly} settings). Nothing can be written through it, and while meshwatch holds the file
   * no other process can write it either, so a call's statements see one state of the data without
   * a transaction around them, and no statements are spent on one.
   */
  public DuckDbWarehouseClient(String connection, Jdbi jdbi, Duration statementTimeout, boolean readOnlyDatabase) {
    super("DuckDB", connection, jdbi, statementTimeout);
    this.readOnlyDatabase = readOnlyDatabase;
  }

  public static DuckDbWarehouseClient open(ConnectionSettings settings) {
    return new DuckDbWarehouseClient(settings.name(), jdbi(settings), settings.statementTimeout(), settings.readOnly());
  }

  /**
   * The JDBI instance for a connection: opens the database read-only when the settings ask, and
   * holds it open for {@value #KEEP_OPEN} after the last call (see {@link HeldDatabase}).
   */
  public static Jdbi jdbi(ConnectionSettings settings) {
    Properties properties = new Properties();
    properties.putAll(settings.properties());
    properties.remove(KEEP_OPEN);
    if (settings.readOnly()) {
      properties.setProperty("duckdb.read_only", "true");
    }
    return Jdbi.create(new HeldDatabase(settings.jdbcUrl(), properties, keepOpen(settings)));
  }

  /**
   * The connection's {@value #KEEP_OPEN} property (ISO-8601), {@link #DEFAULT_KEEP_OPEN} when absent.
   * While meshwatch holds the file, another process cannot open it to write; {@code PT0S} releases
   * it as soon as each call ends, at the price of opening the database for every call.
   */
  public static Duration keepOpen(ConnectionSettings settings) {
    String value = settings.properties().get(KEEP_OPEN);
    if (value == null) {
      return DEFAULT_KEEP_OPEN;
    }
    try {
      Duration keepOpen = Duration.parse(value);
      if (!keepOpen.isNegative()) {
        return keepOpen;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("warehouse connection '" + settings.name() + "': " + KEEP_OPEN
        + " must be a duration of zero or more (ISO-8601, such as PT2S), got '" + value + "'");
  }

  @Override
  public Dialect dialect() {
    return Dialect.DUCKDB;
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> {
      ResolvedTable resolved = columns(handle, table, context);
      FreshnessColumn freshness = freshnessColumn == null ? null : FreshnessColumn.resolve(resolved, freshnessColumn);
      boolean readMax = freshness != null && freshness.usable();
      String sql = Dialect.STATEMENT_LABEL + " SELECT count(*)"
          + (readMax ? ", max(" + dialect().quoteIdentifier(freshness.column().name()) + ")" : "")
          + " FROM " + dialect().tableName(resolved.name());
      Query query = handle.createQuery(sql);
      List<Object> row = firstRow(query, context, StatementKind.METADATA, rs -> {
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
  protected ResolvedTable columns(Handle handle, TableName table, QueryContext context) throws WarehouseException {
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
    List<String[]> rows = allRows(query, context, StatementKind.METADATA,
        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
    if (rows.isEmpty()) {
      throw tableNotFound(table);
    }
    String[] first = rows.get(0);
    List<TableColumn> columns = rows.stream().map(r -> new TableColumn(r[3], r[4])).toList();
    return new ResolvedTable(new TableName(first[0], first[1], first[2]), columns);
  }

  /**
   * DuckDB's JDBC driver cannot make a connection read-only, so on a database opened read-write the
   * transaction says so itself; on one opened read-only there is nothing to guard (see the
   * constructor).
   */
  @Override
  protected void beginTransaction(Handle handle, QueryContext context) {
    if (readOnlyDatabase) {
      return;
    }
    context.tally().record(StatementKind.SESSION);
    handle.execute("BEGIN TRANSACTION READ ONLY");
  }

  /** Nothing to set: the transaction began read-only, and there is no statement timeout or tag. */
  @Override
  protected void setUpTransaction(Handle handle, QueryContext context) {}

  @Override
  protected void rollbackTransaction(Handle handle, QueryContext context) {
    if (readOnlyDatabase) {
      return;
    }
    context.tally().record(StatementKind.SESSION);
    handle.execute("ROLLBACK");
  }

  @Override
  protected Deadline deadline() {
    return new CancelAfter(statementTimeout());
  }

  @Override
  protected WarehouseException classify(SQLException e, boolean timedOut) {
    return DuckDbFailures.classify(connection(), e, timedOut, statementTimeout());
  }
}
