package io.meshwatch.activities.warehouse.postgres;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.FreshnessColumn;
import io.meshwatch.activities.warehouse.MetadataAnswer;
import io.meshwatch.activities.warehouse.ProbeAggregates;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.SharedMetadata;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.jdbc.JdbiWarehouseClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 *
 * <p>Probes are batched per connection when {@code metadata_max_age} is positive
 * ({@link SharedMetadata}): one transaction answers every table asked about, with one catalog
 * statement for all of them and one {@code UNION ALL} of their freshness maxima
 * ({@link ProbeAggregates}). The maxima read data, so the batch saves statements and round trips,
 * not the reads.
 */
public final class PostgresWarehouseClient extends JdbiWarehouseClient {

  /** Connections per warehouse connection: activities beyond it wait for one to be returned. */
  static final int POOL_SIZE = 8;

  private final SharedMetadata<ProbeKey, TableProbe> probes;

  /** A client whose probes each read their own table ({@code metadata_max_age} zero). */
  public PostgresWarehouseClient(String connection, Jdbi jdbi, Duration statementTimeout) {
    this(connection, jdbi, statementTimeout, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * {@code metadataMaxAge}: how long one batched read of every probed table serves the probes of
   * other products ({@link SharedMetadata}); zero reads each probe's table on its own.
   */
  public PostgresWarehouseClient(String connection, Jdbi jdbi, Duration statementTimeout, Duration metadataMaxAge,
      Clock clock) {
    super("PostgreSQL", connection, jdbi, statementTimeout);
    this.probes = new SharedMetadata<>(this::readProbes, clock, metadataMaxAge, SharedMetadata.FORGET_AFTER);
  }

  /** The client for a connection; probes are batched when its {@value SharedMetadata#MAX_AGE} is positive. */
  public static PostgresWarehouseClient open(ConnectionSettings settings) {
    return new PostgresWarehouseClient(settings.name(), jdbi(settings), settings.statementTimeout(),
        SharedMetadata.maxAge(settings, Duration.ZERO), Clock.systemUTC());
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
    properties.remove(SharedMetadata.MAX_AGE);
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
    return catalog(handle, List.of(table), context).get(table).orThrow().table();
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    return probes.lookup(new ProbeKey(table, freshnessColumn), context);
  }

  /** A probe as the batch reads it: the table as the spec names it, and its freshness column (may be null). */
  record ProbeKey(TableName table, String freshnessColumn) {}

  /**
   * The probes of {@code keys} in one read-only transaction: one catalog statement for every table
   * ({@link #catalog}), then one statement with the freshness columns' maxima of all of them
   * ({@link ProbeAggregates}). Shared reads carry the tag {@link QueryTag#SHARED_METADATA}, since
   * they serve every product on the connection.
   */
  private Map<ProbeKey, MetadataAnswer<TableProbe>> readProbes(Set<ProbeKey> keys, QueryContext context)
      throws WarehouseException {
    QueryContext batch = probes.shares() ? new QueryContext(QueryTag.SHARED_METADATA, context.tally()) : context;
    List<ProbeKey> ordered = keys.stream()
        .sorted(Comparator.comparing((ProbeKey k) -> k.table().display())
            .thenComparing(k -> k.freshnessColumn() == null ? "" : k.freshnessColumn()))
        .toList();
    return inReadOnlyTransaction(batch, handle -> {
      Map<TableName, MetadataAnswer<Relation>> relations =
          catalog(handle, ordered.stream().map(ProbeKey::table).distinct().toList(), batch);
      Map<ProbeKey, MetadataAnswer<TableProbe>> answers = new LinkedHashMap<>();
      List<ProbeAggregates.Branch> branches = new ArrayList<>();
      for (ProbeKey key : ordered) {
        if (relations.get(key.table()) instanceof MetadataAnswer.Found<Relation> found) {
          FreshnessColumn freshness = key.freshnessColumn() == null
              ? null
              : FreshnessColumn.resolve(found.value().table(), key.freshnessColumn());
          if (freshness != null && freshness.usable()) {
            branches.add(new ProbeAggregates.Branch(answers.size(), found.value().table().name(), freshness));
          }
          answers.put(key, new MetadataAnswer.Found<>(probe(found.value(), freshness, null)));
        } else {
          answers.put(key, failed(relations.get(key.table())));
        }
      }
      Map<Integer, Object> maxima = maxima(handle, branches, batch);
      List<ProbeKey> inOrder = List.copyOf(answers.keySet());
      for (ProbeAggregates.Branch branch : branches) {
        ProbeKey key = inOrder.get(branch.position());
        Object latest = maxima.get(branch.position());
        answers.put(key, latest instanceof WarehouseException e
            ? new MetadataAnswer.Failed<>(e.failure(), e.getMessage())
            : new MetadataAnswer.Found<>(probe(relations.get(key.table()).orThrow(), branch.freshness(), latest)));
      }
      return answers;
    });
  }

  private static <V> MetadataAnswer<V> failed(MetadataAnswer<?> answer) {
    MetadataAnswer.Failed<?> failed = (MetadataAnswer.Failed<?>) answer;
    return new MetadataAnswer.Failed<>(failed.failure(), failed.reason());
  }

  /**
   * The data version: per leaf, relfilenode and the insert, update and delete counters, plus the
   * freshness column's maximum ({@code latest}, null when there is none or the table is empty).
   */
  private static TableProbe probe(Relation relation, FreshnessColumn freshness, Object latest) {
    Instant lastUpdated = FreshnessColumn.toInstant(latest);
    boolean counted = relation.leavesWithCounters() > 0 && relation.countsTracked();
    String version = counted
        ? "pg:" + relation.counters() + ":" + (lastUpdated == null ? "-" : lastUpdated.toString())
        : null;
    return new TableProbe(relation.table(), version, lastUpdated, relation.liveRows(),
        freshness == null ? null : freshness.problem());
  }

  /**
   * The maximum of each branch's freshness column, by position, in one statement. When that
   * statement fails for a reason of one table (a privilege, a column dropped meanwhile), each table
   * is read alone after a savepoint, so the others still get their answer and that one its own
   * failure (a {@link WarehouseException} in the map); a failure of the connection (unreachable,
   * refused, timed out) fails the batch.
   */
  private Map<Integer, Object> maxima(Handle handle, List<ProbeAggregates.Branch> branches, QueryContext context)
      throws WarehouseException {
    Map<Integer, Object> maxima = new HashMap<>();
    if (branches.isEmpty()) {
      return maxima;
    }
    if (branches.size() == 1) {
      maxima.putAll(readMaxima(handle, ProbeAggregates.of(dialect(), branches, false), context));
      return maxima;
    }
    savepoint(handle, context);
    try {
      maxima.putAll(readMaxima(handle, ProbeAggregates.of(dialect(), branches, false), context));
      return maxima;
    } catch (WarehouseException batchFailed) {
      if (!ofOneTable(batchFailed)) {
        throw batchFailed;
      }
    }
    for (ProbeAggregates.Branch branch : branches) {
      rollbackToSavepoint(handle, context);
      try {
        maxima.putAll(readMaxima(handle, ProbeAggregates.of(dialect(), List.of(branch), false), context));
      } catch (WarehouseException e) {
        if (!ofOneTable(e)) {
          throw e;
        }
        maxima.put(branch.position(), e);
      }
    }
    return maxima;
  }

  private static boolean ofOneTable(WarehouseException e) {
    return switch (e.failure()) {
      case UNREACHABLE, AUTHENTICATION, TIMEOUT, QUOTA_EXCEEDED, COST_LIMIT -> false;
      case TABLE_NOT_FOUND, COLUMN_NOT_FOUND, DATA_ERROR, QUERY_ERROR, UNSUPPORTED -> true;
    };
  }

  private Map<Integer, Object> readMaxima(Handle handle, ProbeAggregates aggregates, QueryContext context)
      throws WarehouseException {
    Map<Integer, ProbeAggregates.Branch> byPosition = new HashMap<>();
    aggregates.branches().forEach(branch -> byPosition.put(branch.position(), branch));
    Map<Integer, Object> maxima = new HashMap<>();
    allRows(handle.createQuery(aggregates.sql()), context, StatementKind.METADATA, rs -> {
      int position = rs.getInt(1);
      maxima.put(position, aggregates.read(byPosition.get(position), rs).latest());
      return position;
    });
    return maxima;
  }

  private static void savepoint(Handle handle, QueryContext context) {
    context.tally().record(StatementKind.SESSION);
    handle.execute("SAVEPOINT meshwatch_probes");
  }

  private static void rollbackToSavepoint(Handle handle, QueryContext context) {
    context.tally().record(StatementKind.SESSION);
    handle.execute("ROLLBACK TO SAVEPOINT meshwatch_probes");
  }

  /**
   * A table as the catalog has it: its oid, name and columns, and the statistics of its leaves (a
   * plain table is its own only leaf; a partitioned table's counters live on its partitions).
   */
  private record Relation(ResolvedTable table, String counters, long leavesWithCounters, Long liveRows,
      boolean countsTracked) {}

  /**
   * Every table of {@code tables} in one statement: each name resolved as PostgreSQL resolves it
   * (the exact name first, then folded to lower case as PostgreSQL folds unquoted names), with its
   * columns and its leaves' counters. A table the statement finds no relation for, or that the spec
   * places in another database, is not found.
   */
  private Map<TableName, MetadataAnswer<Relation>> catalog(Handle handle, List<TableName> tables, QueryContext context)
      throws WarehouseException {
    Query query = handle.createQuery(Dialect.STATEMENT_LABEL + """
         WITH asked AS (
          SELECT a.position, coalesce(
              to_regclass(format('%I.%I', coalesce(a.schema_name, current_schema()), a.table_name)),
              to_regclass(format('%I.%I', lower(coalesce(a.schema_name, current_schema())), lower(a.table_name))))
              AS oid
          FROM unnest(CAST(:schemas AS text[]), CAST(:tables AS text[]))
              WITH ORDINALITY AS a(schema_name, table_name, position)
        )
        SELECT a.position, n.nspname, c.relname, current_database(), att.attname,
               format_type(att.atttypid, att.atttypmod), k.counters, k.leaves_with_counters, k.live_rows,
               current_setting('track_counts')
        FROM asked a
        JOIN pg_class c ON c.oid = a.oid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL (
          SELECT md5(string_agg(concat_ws('/', lc.relfilenode, s.n_tup_ins, s.n_tup_upd, s.n_tup_del), ','
                     ORDER BY l.relid)) AS counters,
                 count(s.relid) AS leaves_with_counters,
                 sum(s.n_live_tup) AS live_rows
          FROM (
            SELECT t.relid::oid AS relid FROM pg_partition_tree(a.oid) t WHERE t.isleaf
            UNION
            SELECT c.oid WHERE c.relkind <> 'p'
          ) l
          JOIN pg_class lc ON lc.oid = l.relid
          LEFT JOIN pg_stat_user_tables s ON s.relid = l.relid
        ) k
        LEFT JOIN pg_attribute att ON att.attrelid = c.oid AND att.attnum > 0 AND NOT att.attisdropped
        ORDER BY a.position, att.attnum""")
        .bindArray("schemas", String.class, tables.stream().map(TableName::schema).toList())
        .bindArray("tables", String.class, tables.stream().map(TableName::table).toList());
    List<CatalogRow> rows = allRows(query, context, StatementKind.METADATA, rs -> new CatalogRow(
        rs.getInt(1) - 1, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getObject(9) == null ? null : rs.getLong(9),
        "on".equals(rs.getString(10))));
    Map<Integer, List<CatalogRow>> byPosition = new HashMap<>();
    rows.forEach(row -> byPosition.computeIfAbsent(row.position(), p -> new ArrayList<>()).add(row));
    Map<TableName, MetadataAnswer<Relation>> relations = new LinkedHashMap<>();
    for (int position = 0; position < tables.size(); position++) {
      relations.put(tables.get(position), relation(tables.get(position), byPosition.get(position)));
    }
    return relations;
  }

  /** One row of the catalog statement: a table asked for (by position) and one of its columns. */
  private record CatalogRow(int position, String schema, String table, String database, String column,
      String type, String counters, long leavesWithCounters, Long liveRows, boolean countsTracked) {}

  private MetadataAnswer<Relation> relation(TableName table, List<CatalogRow> rows) {
    if (rows == null) {
      WarehouseException notFound = tableNotFound(table);
      return MetadataAnswer.Failed.notFound(notFound.getMessage());
    }
    CatalogRow first = rows.get(0);
    if (table.catalog() != null && !table.catalog().equals(first.database())) {
      return MetadataAnswer.Failed.notFound(described() + " is to database " + first.database()
          + ", but the spec names database " + table.catalog());
    }
    List<TableColumn> columns = rows.stream()
        .filter(r -> r.column() != null)
        .map(r -> new TableColumn(r.column(), r.type()))
        .toList();
    // The database is implied by the connection and is not part of a PostgreSQL table name.
    ResolvedTable resolved = new ResolvedTable(new TableName(null, first.schema(), first.table()), columns);
    return new MetadataAnswer.Found<>(new Relation(resolved, first.counters(), first.leavesWithCounters(),
        first.liveRows(), first.countsTracked()));
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
