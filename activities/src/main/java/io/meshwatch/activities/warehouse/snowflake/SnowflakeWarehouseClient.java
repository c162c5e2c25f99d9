package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.FreshnessColumn;
import io.meshwatch.activities.warehouse.MetadataAnswer;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.RenderedSqlParser;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.SeparateCalls;
import io.meshwatch.activities.warehouse.SharedMetadata;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.activities.warehouse.WarehouseSession;
import io.meshwatch.activities.warehouse.jdbc.JdbiWarehouseClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Snowflake as a warehouse, through the Snowflake JDBC driver.
 *
 * <p>Metadata comes from {@code INFORMATION_SCHEMA.TABLES} and {@code COLUMNS}, read for every
 * product on the connection by one query and shared for {@code metadata_max_age}
 * ({@link SharedMetadata}); a probe served from it opens no session at all. Data version:
 * LAST_ALTERED, ROW_COUNT and BYTES, which move with every DML but also with DDL, reclustering and
 * other maintenance (an extra scan, never a missed change); a view's version is null. Last update:
 * {@code MAX(freshness_column)} when one is declared (one query, answered from micro-partition
 * metadata), else LAST_ALTERED, with the same caveat: maintenance moves it without new data.
 *
 * <p>Each call that reads the product's table opens a session (the base's "transaction") whose
 * first statement sets the query tag, the statement timeout and UTC as the session time zone.
 * Snowflake has no read-only transactions: meshwatch only issues SELECT and ALTER SESSION, and its
 * role should hold nothing beyond USAGE and SELECT (see docs/checks.md).
 */
public final class SnowflakeWarehouseClient extends JdbiWarehouseClient {

  /**
   * The connection property that sets how long one metadata read serves other products' probes,
   * as an ISO-8601 duration ({@code PT1M}); zero reads on every probe.
   */
  public static final String METADATA_MAX_AGE = SnowflakeDriverProperties.METADATA_MAX_AGE;

  /** The tag of the shared metadata query, which serves every product on the connection. */
  static final QueryTag METADATA_TAG = QueryTag.SHARED_METADATA;
  private static final String DEFAULT_SCHEMA = "PUBLIC";

  private final String defaultDatabase;
  private final String defaultSchema;
  private final SharedMetadata<TableKey, TableMetadata> metadata;

  public SnowflakeWarehouseClient(ConnectionSettings settings, Jdbi jdbi, Clock clock) {
    super("Snowflake", settings.name(), jdbi, settings.statementTimeout());
    this.defaultDatabase = SnowflakeDriverProperties.defaultDatabase(settings);
    this.defaultSchema = SnowflakeDriverProperties.defaultSchema(settings);
    this.metadata = new SharedMetadata<>(this::readMetadata, clock,
        SharedMetadata.maxAge(settings, SnowflakeDriverProperties.DEFAULT_METADATA_MAX_AGE), SharedMetadata.FORGET_AFTER);
  }

  public static SnowflakeWarehouseClient open(ConnectionSettings settings) {
    return new SnowflakeWarehouseClient(settings, jdbi(settings), Clock.systemUTC());
  }

  /** The JDBI instance for a connection: each handle is one Snowflake session (a login). */
  public static Jdbi jdbi(ConnectionSettings settings) {
    Jdbi jdbi = Jdbi.create(settings.jdbcUrl(), SnowflakeDriverProperties.of(settings));
    // Every statement here is rendered by meshwatch: no templating, positional parameters only.
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP).setSqlParser(new RenderedSqlParser());
    return jdbi;
  }

  @Override
  public Dialect dialect() {
    return Dialect.SNOWFLAKE;
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    return metadata.lookup(key(table), context).table();
  }

  /**
   * Columns from the shared metadata, which usually answers without a statement, before the scan
   * opens its session: a session opened first would sit idle while a metadata read opened another.
   */
  @Override
  public <T> T inSession(QueryContext context, WarehouseSession.Work<T> work) throws WarehouseException {
    return work.run(new SeparateCalls(this, context));
  }

  @Override
  protected ResolvedTable columns(Handle handle, TableName table, QueryContext context) throws WarehouseException {
    return columns(table, context);
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    TableMetadata found = metadata.lookup(key(table), context);
    FreshnessColumn freshness = freshnessColumn == null ? null : FreshnessColumn.resolve(found.table(), freshnessColumn);
    Instant lastUpdated = found.lastUpdated();
    if (freshness != null && freshness.usable()) {
      lastUpdated = inReadOnlyTransaction(context, handle -> latest(handle, found.table(), freshness.column(), context));
    }
    return new TableProbe(found.table(), found.dataVersion(), lastUpdated, found.rowCount(),
        freshness == null ? null : freshness.problem());
  }

  /**
   * Snowflake has no read-only transactions and a SELECT needs none: a JDBC transaction would only
   * add {@code ALTER SESSION SET AUTOCOMMIT} and {@code ROLLBACK} round trips. Read-only comes
   * from the role, which holds USAGE and SELECT only.
   */
  @Override
  protected void beginTransaction(Handle handle, QueryContext context) {}

  @Override
  protected void rollbackTransaction(Handle handle, QueryContext context) {}

  /** One statement opens every session: tag, timeout, and UTC for timestamps without a zone. */
  @Override
  protected void setUpTransaction(Handle handle, QueryContext context) {
    context.tally().record(StatementKind.SESSION);
    handle.execute(sessionSettings(context.tag()));
  }

  @Override
  protected WarehouseException classify(SQLException e, boolean timedOut) {
    return SnowflakeFailures.classify(connection(), e, statementTimeout());
  }

  String sessionSettings(QueryTag tag) {
    long seconds = Math.max(1, (statementTimeout().toMillis() + 999) / 1000);
    return "ALTER SESSION SET QUERY_TAG = " + Dialect.SNOWFLAKE.stringLiteral(tag.value())
        + ", STATEMENT_TIMEOUT_IN_SECONDS = " + seconds + ", TIMEZONE = 'UTC'";
  }

  private TableKey key(TableName table) throws WarehouseException {
    String database = table.catalog() != null ? table.catalog() : defaultDatabase;
    if (database == null) {
      throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, "table " + table.display()
          + " names no database: set spec.output.database, or the database property of " + described());
    }
    String schema = table.schema() != null ? table.schema() : defaultSchema != null ? defaultSchema : DEFAULT_SCHEMA;
    return new TableKey(SnowflakeNames.database(database), schema, table.table());
  }

  /**
   * The metadata of {@code tables} in one query, in a session tagged {@link #METADATA_TAG} since it
   * serves every product. A database that does not exist (or is not granted) fails the whole
   * statement, so then each database is read alone and only the missing one's tables are missing.
   */
  private Map<TableKey, MetadataAnswer<TableMetadata>> readMetadata(Set<TableKey> tables, QueryContext context)
      throws WarehouseException {
    MetadataQuery query = MetadataQuery.of(tables);
    QueryContext shared = new QueryContext(METADATA_TAG, context.tally());
    return inReadOnlyTransaction(shared, handle -> {
      try {
        return query.read(catalogRows(handle, query, shared), connection());
      } catch (WarehouseException e) {
        if (e.failure() != WarehouseFailure.TABLE_NOT_FOUND) {
          throw e;
        }
        if (query.tablesByDatabase().size() == 1) {
          return query.databaseMissing(query.tablesByDatabase().keySet().iterator().next(), connection());
        }
        Map<TableKey, MetadataAnswer<TableMetadata>> result = new LinkedHashMap<>();
        for (String database : query.tablesByDatabase().keySet()) {
          MetadataQuery one = query.only(database);
          try {
            result.putAll(one.read(catalogRows(handle, one, shared), connection()));
          } catch (WarehouseException missing) {
            if (missing.failure() != WarehouseFailure.TABLE_NOT_FOUND) {
              throw missing;
            }
            result.putAll(query.databaseMissing(database, connection()));
          }
        }
        return result;
      }
    });
  }

  private List<CatalogRow> catalogRows(Handle handle, MetadataQuery metadataQuery, QueryContext context)
      throws WarehouseException {
    Query query = handle.createQuery(metadataQuery.sql());
    for (int i = 0; i < metadataQuery.parameters().size(); i++) {
      query.bind(i, metadataQuery.parameters().get(i));
    }
    return allRows(query, context, StatementKind.METADATA, rs -> new CatalogRow(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4), epochNanos(rs, 5), nullableLong(rs, 6), nullableLong(rs, 7),
        rs.getString(8), rs.getString(9), nullableInt(rs, 10), nullableInt(rs, 11), nullableInt(rs, 12)));
  }

  /**
   * {@code MAX(column)} as an instant, read as epoch nanoseconds so the driver's time zone handling
   * plays no part: a timestamp without zone counts as UTC, a date as midnight UTC.
   */
  private Instant latest(Handle handle, ResolvedTable table, TableColumn column, QueryContext context)
      throws WarehouseException {
    String max = "MAX(" + dialect().quoteIdentifier(column.name()) + ")";
    String instant = column.family() == TypeFamily.DATE ? "CAST(" + max + " AS TIMESTAMP_NTZ)" : max;
    Query query = handle.createQuery(Dialect.STATEMENT_LABEL + " SELECT DATE_PART(EPOCH_NANOSECOND, " + instant
        + ") FROM " + dialect().tableName(table.name()));
    return firstRow(query, context, StatementKind.METADATA, rs -> epochNanos(rs, 1));
  }

  private static Instant epochNanos(ResultSet rs, int column) throws SQLException {
    long nanos = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
