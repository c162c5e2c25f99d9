package io.meshwatch.activities.warehouse.postgres;

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
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.activities.warehouse.jdbc.JdbiWarehouseClient;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * PostgreSQL as a warehouse. Every call is one read-only transaction whose first statements set the
 * statement timeout and the query tag as {@code application_name}, both as bound values and both
 * local to the transaction.
 *
 * <p>Data version: per leaf table of the relation (a plain table is its own only leaf), the
 * {@code relfilenode} (TRUNCATE and rewrites change it) and the {@code pg_stat_user_tables}
 * counters of inserted, updated and deleted rows, plus {@code MAX(freshness_column)}. Caveats: a
 * backend flushes its counters at most once a second and otherwise within about a minute of going
 * idle, so a write can take that long to show (the freshness column's maximum shows at once); the
 * counters are zero with {@code track_counts} off and do not count writes replayed on a standby, so
 * point meshwatch at the primary; a reset of statistics changes the version without a data change
 * (one extra scan, never a missed change). A view has no counters: its version is null.
 */
public final class PostgresWarehouseClient extends JdbiWarehouseClient {

  /** Connections per warehouse connection: activities beyond it wait for one to be returned. */
  static final int POOL_SIZE = 8;

  public PostgresWarehouseClient(String connection, Jdbi jdbi, Duration statementTimeout) {
    super("PostgreSQL", connection, jdbi, statementTimeout);
  }

  public static PostgresWarehouseClient open(ConnectionSettings settings) {
    return new PostgresWarehouseClient(settings.name(), jdbi(settings), settings.statementTimeout());
  }

  /**
   * The JDBI instance for a connection, over a small pool ({@link #pool}). Connecting gives up after
   * the statement timeout (at most 30 s), so an unreachable server fails a poll instead of hanging it.
   */
  public static Jdbi jdbi(ConnectionSettings settings) {
    return Jdbi.create(pool(settings, driverProperties(settings)));
  }

  /**
   * Connections kept open between calls: a new PostgreSQL connection costs a server process and a
   * login (about 5 ms on one machine, more across a network), against a scan of a few milliseconds
   * on a small table. Idle connections close after a minute, so a worker between polls holds none
   * for long; a kept connection is validated before use, and one that a failed call left in a
   * transaction is rolled back on return. A connection is opened in the caller's thread, so refused
   * credentials or an unreachable server fail the call at once, with the driver's error.
   */
  static DataSource pool(ConnectionSettings settings, Properties properties) {
    BasicDataSource pool = new BasicDataSource();
    pool.setUrl(settings.jdbcUrl());
    properties.forEach((key, value) -> pool.addConnectionProperty((String) key, (String) value));
    pool.setMaxTotal(POOL_SIZE);
    pool.setMaxIdle(POOL_SIZE);
    pool.setMinIdle(0);
    pool.setMaxWait(settings.statementTimeout());
    pool.setTestOnBorrow(true);
    pool.setRollbackOnReturn(true);
    pool.setMinEvictableIdle(Duration.ofMinutes(1));
    pool.setDurationBetweenEvictionRuns(Duration.ofSeconds(15));
    pool.setMaxConn(Duration.ofMinutes(30));
    return pool;
  }

  private static Properties driverProperties(ConnectionSettings settings) {
    Properties properties = new Properties();
    long connectSeconds = Math.max(1, Math.min(30, settings.statementTimeout().toSeconds()));
    properties.setProperty("connectTimeout", Long.toString(connectSeconds));
    properties.setProperty("loginTimeout", Long.toString(connectSeconds));
    properties.setProperty("ApplicationName", "meshwatch");
    properties.putAll(settings.properties());
    if (settings.user() != null) {
      properties.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    return properties;
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  protected ResolvedTable columns(Handle handle, TableName table, QueryContext context) throws WarehouseException {
    return resolve(handle, table, context).table();
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    return inReadOnlyTransaction(context, handle -> {
      Relation relation = resolve(handle, table, context);
      FreshnessColumn freshness = freshnessColumn == null
          ? null
          : FreshnessColumn.resolve(relation.table(), freshnessColumn);
      boolean readMax = freshness != null && freshness.usable();
      String latest = readMax
          ? "(SELECT max(" + dialect().quoteIdentifier(freshness.column().name()) + ") FROM "
              + dialect().tableName(relation.table().name()) + ")"
          : "NULL";
      // The leaves of the relation: a plain table is its own only leaf; a partitioned table's
      // counters live on its partitions.
      Query query = handle.createQuery(Dialect.STATEMENT_LABEL + " SELECT " + latest + """
           AS latest,
            md5(string_agg(concat_ws('/', c.relfilenode, s.n_tup_ins, s.n_tup_upd, s.n_tup_del), ','
                ORDER BY l.relid)) AS counters,
            count(s.relid) AS leaves_with_counters,
            sum(s.n_live_tup) AS live_rows,
            current_setting('track_counts') AS track_counts
          FROM (
            SELECT t.relid::oid AS relid FROM pg_partition_tree(CAST(:oid AS oid)) t WHERE t.isleaf
            UNION
            SELECT c.oid FROM pg_class c WHERE c.oid = CAST(:oid AS oid) AND c.relkind <> 'p'
          ) l
          JOIN pg_class c ON c.oid = l.relid
          LEFT JOIN pg_stat_user_tables s ON s.relid = l.relid""")
          .bind("oid", relation.oid());
      Object[] row = firstRow(query, context, StatementKind.METADATA, rs -> new Object[] {
          readMax ? rs.getObject(1, freshness.javaType()) : null,
          rs.getString(2),
          rs.getLong(3),
          rs.getObject(4) == null ? null : rs.getLong(4),
          rs.getString(5)});
      Instant lastUpdated = FreshnessColumn.toInstant(row[0]);
      boolean counted = (Long) row[2] > 0 && "on".equals(row[4]);
      String version = counted
          ? "pg:" + row[1] + ":" + (lastUpdated == null ? "-" : lastUpdated.toString())
          : null;
      return new TableProbe(relation.table(), version, lastUpdated, (Long) row[3],
          freshness == null ? null : freshness.problem());
    });
  }

  private record Relation(long oid, ResolvedTable table) {}

  private Relation resolve(Handle handle, TableName table, QueryContext context) throws WarehouseException {
    // The exact name first, then folded to lower case as PostgreSQL folds unquoted names.
    Query query = handle.createQuery(Dialect.STATEMENT_LABEL + """
         SELECT c.oid::bigint, n.nspname, c.relname, current_database(), a.attname,
               format_type(a.atttypid, a.atttypmod)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.oid = coalesce(
            to_regclass(format('%I.%I', coalesce(:schema, current_schema()), :table)),
            to_regclass(format('%I.%I', lower(coalesce(:schema, current_schema())), lower(:table))))
        ORDER BY a.attnum""")
        .bind("schema", table.schema())
        .bind("table", table.table());
    List<Object[]> rows = allRows(query, context, StatementKind.METADATA, rs -> new Object[] {
        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
    if (rows.isEmpty()) {
      throw tableNotFound(table);
    }
    Object[] first = rows.get(0);
    String database = (String) first[3];
    if (table.catalog() != null && !table.catalog().equals(database)) {
      throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
          described() + " is to database " + database + ", but the spec names database " + table.catalog());
    }
    List<TableColumn> columns = rows.stream()
        .filter(r -> r[4] != null)
        .map(r -> new TableColumn((String) r[4], (String) r[5]))
        .toList();
    // The database is implied by the connection and is not part of a PostgreSQL table name.
    return new Relation((Long) first[0],
        new ResolvedTable(new TableName(null, (String) first[1], (String) first[2]), columns));
  }

  /**
   * Read-only, the query tag as {@code application_name} and the statement timeout, all local to
   * the transaction and the last two as bound values.
   */
  @Override
  protected void setUpTransaction(Handle handle, QueryContext context) {
    context.tally().record(StatementKind.SESSION);
    handle.execute("SET TRANSACTION READ ONLY");
    context.tally().record(StatementKind.SESSION);
    handle.createQuery("SELECT set_config('application_name', :tag, true) AS tag, "
            + "set_config('statement_timeout', :timeout, true) AS timeout")
        .bind("tag", context.tag().value())
        .bind("timeout", Long.toString(statementTimeout().toMillis()))
        .map((rs, ctx) -> rs.getString(1))
        .one();
  }

  @Override
  protected WarehouseException classify(SQLException e, boolean timedOut) {
    // The server enforces the statement timeout, so no deadline of meshwatch's own ever fires.
    return PostgresFailures.classify(connection(), e, statementTimeout());
  }
}
