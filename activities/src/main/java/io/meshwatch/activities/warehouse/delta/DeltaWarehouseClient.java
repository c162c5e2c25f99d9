package io.meshwatch.activities.warehouse.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.FreshnessColumn;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.SqlLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta Lake tables, addressed by location ({@code spec.output.location}), read without a query
 * engine in front: the log through Delta Kernel, the data files (when they must be read) through an
 * in-memory DuckDB.
 *
 * <ul>
 *   <li><b>Probe</b>, from the log only: the data version is the table id plus the version of the
 *       latest commit that changed data or the table's definition, so an OPTIMIZE or VACUUM commit
 *       costs no evaluation; the last update is the time of the latest commit
 *       that changed data, and the times of the recent ones are the update history the freshness
 *       policy infers a cadence from; the row count sums the files' recorded counts.
 *   <li><b>Evaluate</b>: schema from the log; NULL and complete-row counts from the files'
 *       statistics when they give the exact numbers ({@link StatisticsAnswer}), with no data read;
 *       otherwise the one fused scan over the active files ({@link ParquetScanner}), or over only
 *       the files added since the plan's last scan when its counts allow it ({@link IncrementalScans}).
 *   <li><b>Refused</b>: deletion vectors (a scan that ignores them counts deleted rows, and the
 *       statistics count them too) and column mapping (the files name columns by physical names):
 *       the checks that read data are ERROR with the reason; schema and freshness still come from
 *       the log.
 * </ul>
 *
 * Log state (the active files of the latest version read, the recent commits) is cached per table
 * in memory, bounded, so a probe of an unchanged table reads only the log's newest entries and an
 * evaluation reuses the file list its probe read. Every call counts one {@code METADATA} statement
 * per log read and one {@code SCAN} per DuckDB scan.
 */
public final class DeltaWarehouseClient implements WarehouseClient {

  /** Commits read back from the newest for the update history and the last data change. */
  static final int COMMIT_WINDOW = 100;
  /** Data changes given to the freshness policy: as many as its cadence inference uses. */
  static final int HISTORY_UPDATES = 21;
  private static final long MAX_CACHED_FILES = 200_000;

  private static final Logger LOG = LoggerFactory.getLogger(DeltaWarehouseClient.class);

  /** A table at a location; a table re-created there is another table. */
  private record TableKey(String path, String tableId) {}

  private final String connection;
  private final DeltaLog log;
  private final ParquetScanner scanner;
  private final BoundedCache<TableKey, ActiveFiles> listings = new BoundedCache<>(MAX_CACHED_FILES, f -> f.files().size());
  private final BoundedCache<TableKey, List<Commit>> commits = new BoundedCache<>(MAX_CACHED_FILES, List::size);
  private final IncrementalScans incremental = new IncrementalScans(MAX_CACHED_FILES);

  DeltaWarehouseClient(String connection, DeltaLog log, ParquetScanner scanner) {
    this.connection = connection;
    this.log = log;
    this.scanner = scanner;
  }

  public static DeltaWarehouseClient open(ConnectionSettings settings) {
    return open(settings, SqlLogger.NOP_SQL_LOGGER);
  }

  /** A client whose DuckDB statements go to {@code logger} as well (tests read them). */
  public static DeltaWarehouseClient open(ConnectionSettings settings, SqlLogger logger) {
    DeltaSettings delta = DeltaSettings.of(settings);
    return new DeltaWarehouseClient(settings.name(), new DeltaLog(DefaultEngine.create(delta.hadoopConfiguration())),
        new ParquetScanner(settings.name(), settings.statementTimeout(), delta.duckdb(), logger));
  }

  @Override
  public Dialect dialect() {
    return Dialect.DUCKDB;
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    return snapshot(table, context).resolved();
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    DeltaSnapshot snapshot = snapshot(table, context);
    CommitHistory history = history(snapshot, context);
    ActiveFiles files = activeFiles(snapshot, context);
    ResolvedTable resolved = snapshot.resolved();
    String version = "delta:" + snapshot.tableId() + ":"
        + history.lastChange().map(Commit::version).orElse(snapshot.version());
    Long rows = files.rowCount();
    if (freshnessColumn != null) {
      // A declared column is the product's own clock; commit times would blur its cadence.
      FreshnessColumn column = FreshnessColumn.resolve(resolved, freshnessColumn);
      if (!column.usable()) {
        return new TableProbe(resolved, version, null, rows, column.problem());
      }
      ColumnMaximum max = ColumnMaximum.of(files, column.column().name(), Set.copyOf(snapshot.partitionColumns()));
      return new TableProbe(resolved, version, max.instant(), rows, max.problem());
    }
    // Without a data change among the commits still read, the data is at least as old as the oldest.
    Instant lastUpdated = history.lastDataChange().or(history::first).map(Commit::timestamp).orElse(null);
    return new TableProbe(resolved, version, lastUpdated, rows, null, history.dataChanges(HISTORY_UPDATES));
  }

  @Override
  public ScanRow scan(ScanQuery query, QueryContext context) throws WarehouseException {
    DeltaSnapshot snapshot = snapshot(query.table(), context);
    ActiveFiles files = readable(snapshot, context);
    return scanner.scan(query, ParquetSource.render(snapshot.columns(), snapshot.partitionColumns(), files.files()),
        snapshot.location(), context);
  }

  @Override
  public ScanRow measure(ResolvedTable table, ScanPlan plan, QueryContext context) throws WarehouseException {
    DeltaSnapshot snapshot = snapshot(table.name(), context);
    if (!snapshot.resolved().columns().equals(table.columns())) {
      throw new WarehouseException(WarehouseFailure.COLUMN_NOT_FOUND, "the schema of the Delta table at "
          + snapshot.location().text() + " changed during the evaluation (now version " + snapshot.version()
          + "); the checks are measured again at the next cycle");
    }
    ActiveFiles files = readable(snapshot, context);
    Optional<ScanRow> answered =
        StatisticsAnswer.answer(plan, table, files, Set.copyOf(snapshot.partitionColumns()));
    if (answered.isPresent()) {
      LOG.debug("{} version {}: answered from the statistics of {} files, no data read", snapshot.location().text(),
          snapshot.version(), files.files().size());
      return answered.get();
    }
    IncrementalScans.Key key = new IncrementalScans.Key(snapshot.location().path(), plan.query().sql(),
        plan.query().parameters(), table.columns());
    IncrementalScans.Work work = incremental.work(key, plan, files.files());
    ScanRow scanned = null;
    if (work.scans()) {
      scanned = scanner.scan(plan.query(),
          ParquetSource.render(snapshot.columns(), snapshot.partitionColumns(), work.files()), snapshot.location(),
          context);
    }
    LOG.debug("{} version {}: scanned {} of {} files", snapshot.location().text(), snapshot.version(),
        work.scans() ? work.files().size() : 0, files.files().size());
    return incremental.complete(key, plan, files.files(), work, scanned);
  }

  private DeltaSnapshot snapshot(TableName table, QueryContext context) throws WarehouseException {
    context.tally().record(StatementKind.METADATA);
    return log.latest(DeltaLocation.of(table.table()));
  }

  /** The snapshot's active files, when meshwatch can read their rows correctly. */
  private ActiveFiles readable(DeltaSnapshot snapshot, QueryContext context) throws WarehouseException {
    if (snapshot.usesColumnMapping()) {
      throw new WarehouseException(WarehouseFailure.UNSUPPORTED, "the Delta table at " + snapshot.location().text()
          + " uses column mapping (delta.columnMapping.mode = " + snapshot.columnMapping() + "); meshwatch cannot yet"
          + " read data files whose columns have physical names, so the checks that read data were not run"
          + " (schema and freshness come from the log)");
    }
    ActiveFiles files = activeFiles(snapshot, context);
    long withDeletedRows = files.withDeletedRows();
    if (withDeletedRows > 0) {
      throw new WarehouseException(WarehouseFailure.UNSUPPORTED, "the Delta table at " + snapshot.location().text()
          + " uses deletion vectors (" + withDeletedRows + " of " + files.files().size() + " active files have"
          + " deleted rows); meshwatch cannot yet apply them, and a scan or statistics without them would count"
          + " deleted rows, so the checks that read data were not run (schema and freshness come from the log)");
    }
    return files;
  }

  private ActiveFiles activeFiles(DeltaSnapshot snapshot, QueryContext context) throws WarehouseException {
    TableKey key = new TableKey(snapshot.location().path(), snapshot.tableId());
    ActiveFiles cached = listings.get(key);
    if (cached != null && cached.version() == snapshot.version()) {
      return cached;
    }
    context.tally().record(StatementKind.METADATA);
    ActiveFiles files = log.activeFiles(snapshot);
    listings.put(key, files);
    return files;
  }

  /** The last {@link #COMMIT_WINDOW} commits up to the snapshot's version, reading only those not yet known. */
  private CommitHistory history(DeltaSnapshot snapshot, QueryContext context) throws WarehouseException {
    TableKey key = new TableKey(snapshot.location().path(), snapshot.tableId());
    long from = Math.max(0, snapshot.version() - COMMIT_WINDOW + 1);
    List<Commit> known = new ArrayList<>();
    List<Commit> cached = commits.get(key);
    if (cached != null) {
      cached.stream().filter(c -> c.version() >= from && c.version() <= snapshot.version()).forEach(known::add);
    }
    long next = known.isEmpty() ? from : known.getLast().version() + 1;
    if (next <= snapshot.version()) {
      context.tally().record(StatementKind.METADATA);
      known.addAll(log.commits(snapshot, next));
      commits.put(key, List.copyOf(known));
    }
    return new CommitHistory(known);
  }

  @Override
  public String toString() {
    return "DeltaWarehouseClient[" + connection + "]";
  }
}
