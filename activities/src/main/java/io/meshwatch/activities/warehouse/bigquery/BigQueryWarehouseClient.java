package io.meshwatch.activities.warehouse.bigquery;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.JobStatus;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.TimePartitioning;
import com.google.cloud.http.HttpTransportOptions;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.sql.TypeFamily;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.FreshnessColumn;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigQuery as a warehouse, through Google's client over BigQuery's REST API.
 *
 * <p><b>Metadata, no bytes billed.</b> {@code tables.get} gives the columns (GoogleSQL types, see
 * {@link BigQueryTypes}), the row count ({@code numRows}, which leaves out rows still in the
 * streaming buffer) and the last modification time. The data version is the last modification
 * time, row count, logical bytes and the streaming buffer's estimate, so it moves with every load,
 * DML statement and streaming insert that BigQuery records; it also moves on DDL and metadata-only
 * changes (a new column, a changed description, an expiration), which costs one extra scan, never a
 * missed change. Views and external tables have no such metadata: their version is null and the
 * monitor cannot skip their scans.
 *
 * <p><b>Freshness.</b> Without a freshness column the last update is the table's last modification
 * time, with the caveat above: a metadata change looks like fresh data. A declared
 * {@code quality.freshness_column} is the exact path: its maximum is read by a query job, which BigQuery
 * bills (one column, at least 10 MiB), so it is read only when the data version changed since this
 * worker last read it.
 *
 * <p><b>Scans and cost.</b> The fused scan runs as one query job with positional parameters (the
 * scope's cutoff on the partitioning column, so BigQuery prunes partitions), the connection's
 * {@code maximumBytesBilled}, {@code jobTimeoutMs} from the statement timeout and labels naming the
 * product ({@link BigQueryLabels}). A dry run comes first: it bills nothing, tells the bytes the scan
 * would process, and a scan over the cap is refused before it runs. The job's
 * {@code totalBytesProcessed} and {@code totalBytesBilled} are added to the call's tally. A job
 * still running past its timeout (and a grace) is cancelled.
 *
 * <p>Calls are read-only by construction (meshwatch renders only SELECTs, and the account needs
 * only {@code roles/bigquery.jobUser} and {@code roles/bigquery.dataViewer}); the credentials are
 * loaded at the first call, so a missing one gives ERROR results rather than a worker that will not
 * start.
 */
public final class BigQueryWarehouseClient implements WarehouseClient {

  private static final Logger LOG = LoggerFactory.getLogger(BigQueryWarehouseClient.class);
  private static final String PARTITION_TIME = "_PARTITIONTIME";
  private static final String PARTITION_DATE = "_PARTITIONDATE";

  private final BigQuerySettings settings;
  private final BigQueryTuning tuning;
  private final CredentialsLoader credentials;
  private final Object serviceLock = new Object();
  private BigQuery service;
  /** The last maximum read per table and freshness column, with the data version it was read at. */
  private final Map<String, FreshnessReading> freshnessReadings = new ConcurrentHashMap<>();

  @FunctionalInterface
  private interface CredentialsLoader {
    Credentials load() throws IOException;
  }

  private record FreshnessReading(String dataVersion, Instant lastUpdated) {}

  private record QueryOutcome(Schema schema, FieldValueList row) {}

  private BigQueryWarehouseClient(BigQuerySettings settings, BigQueryTuning tuning, CredentialsLoader credentials) {
    this.settings = settings;
    this.tuning = tuning;
    this.credentials = credentials;
  }

  public static BigQueryWarehouseClient open(ConnectionSettings settings) {
    return open(settings, BigQueryTuning.defaults());
  }

  /** A client with the given retry and polling behaviour (tests shorten them). */
  public static BigQueryWarehouseClient open(ConnectionSettings settings, BigQueryTuning tuning) {
    BigQuerySettings bigQuery = BigQuerySettings.from(settings);
    String secret = settings.password();
    return new BigQueryWarehouseClient(bigQuery, tuning, () -> switch (bigQuery.credentials()) {
      case APPLICATION_DEFAULT -> GoogleCredentials.getApplicationDefault();
      // Only a service-account key is accepted here, not any credential configuration Google reads.
      case SERVICE_ACCOUNT -> ServiceAccountCredentials.fromStream(
          new ByteArrayInputStream(secret.getBytes(StandardCharsets.UTF_8)));
      case NONE -> NoCredentials.getInstance();
    });
  }

  public BigQuerySettings settings() {
    return settings;
  }

  @Override
  public Dialect dialect() {
    return Dialect.BIGQUERY;
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    return resolve(table(table, context));
  }

  @Override
  public TableProbe probe(TableName name, String freshnessColumn, QueryContext context) throws WarehouseException {
    Table table = table(name, context);
    ResolvedTable resolved = resolve(table);
    String version = dataVersion(table);
    Long rows = table.getNumRows() == null ? null : table.getNumRows().longValue();
    if (freshnessColumn == null) {
      return new TableProbe(resolved, version, modifiedAt(table), rows, null);
    }
    FreshnessColumn column = FreshnessColumn.resolve(resolved, freshnessColumn);
    if (!column.usable()) {
      return new TableProbe(resolved, version, null, rows, column.problem());
    }
    return new TableProbe(resolved, version, maximum(resolved, column.column(), version, context), rows, null);
  }

  @Override
  public ScanRow scan(ScanQuery scan, QueryContext context) throws WarehouseException {
    QueryJobConfiguration configuration = configuration(scan.sql(), scan.parameters(), context.tag(), "scan");
    long estimate = dryRun(configuration, context);
    if (estimate > settings.maximumBytesBilled()) {
      LOG.warn("scan for {} refused before it ran: it would process {} bytes, the cap of connection '{}' is {}",
          context.tag().value(), estimate, settings.connection(), settings.maximumBytesBilled());
      throw new WarehouseException(WarehouseFailure.COST_LIMIT, "the scan would process " + ByteSize.format(estimate)
          + ", more than the " + ByteSize.format(settings.maximumBytesBilled()) + " that "
          + BigQueryFailures.where(settings) + " allows one query to bill (maximum_bytes_billed), so it was not run;"
          + " scope it with quality.partition_column and quality.lookback, or raise the cap");
    }
    QueryOutcome outcome = run(configuration, context, StatementKind.SCAN, "scan", "the scan");
    List<Field> fields = outcome.schema() == null ? List.of() : outcome.schema().getFields();
    if (fields.size() < scan.columns() || outcome.row().size() < scan.columns()) {
      throw new WarehouseException(WarehouseFailure.QUERY_ERROR, "the scan on " + BigQueryFailures.where(settings)
          + " returned " + outcome.row().size() + " columns, not " + scan.columns());
    }
    List<Object> values = new ArrayList<>(scan.columns());
    for (int i = 0; i < scan.columns(); i++) {
      values.add(scanValue(fields.get(i), outcome.row().get(i), i));
    }
    return new ScanRow(values);
  }

  /** The table's metadata from {@code tables.get}; a missing table is TABLE_NOT_FOUND. */
  private Table table(TableName name, QueryContext context) throws WarehouseException {
    TableId id = tableId(name);
    BigQuery bigQuery = service();
    context.tally().record(StatementKind.METADATA);
    Table table;
    try {
      table = bigQuery.getTable(id);
    } catch (BigQueryException e) {
      throw BigQueryFailures.of(settings, e, "reading the metadata of table " + display(id));
    }
    if (table == null) {
      throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, "table " + display(id) + " does not exist on "
          + BigQueryFailures.where(settings) + ", or the connection's account cannot see it");
    }
    return table;
  }

  private TableId tableId(TableName name) throws WarehouseException {
    if (name.schema() == null || name.schema().isBlank()) {
      throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, "BigQuery table " + name.table()
          + " has no dataset: set spec.output.dataset");
    }
    return TableId.of(name.catalog() == null ? settings.project() : name.catalog(), name.schema(), name.table());
  }

  /**
   * The table's name and columns. An ingestion-time partitioned table also offers its pseudo-columns
   * {@code _PARTITIONTIME} (and {@code _PARTITIONDATE} for daily partitions), so a spec can scope
   * scans by them and BigQuery prunes partitions.
   */
  private static ResolvedTable resolve(Table table) {
    TableId id = table.getTableId();
    List<TableColumn> columns = new ArrayList<>();
    TableDefinition definition = table.getDefinition();
    Schema schema = definition == null ? null : definition.getSchema();
    if (schema != null) {
      schema.getFields().forEach(field -> columns.add(BigQueryTypes.column(field)));
    }
    if (definition instanceof StandardTableDefinition standard && standard.getTimePartitioning() != null
        && standard.getTimePartitioning().getField() == null) {
      columns.add(new TableColumn(PARTITION_TIME, "TIMESTAMP", TypeFamily.TIMESTAMP_TZ));
      if (TimePartitioning.Type.DAY.equals(standard.getTimePartitioning().getType())) {
        columns.add(new TableColumn(PARTITION_DATE, "DATE", TypeFamily.DATE));
      }
    }
    return new ResolvedTable(new TableName(id.getProject(), id.getDataset(), id.getTable()), columns);
  }

  /**
   * Last modification time, row count, logical bytes and the streaming buffer's estimate; null for
   * views and external tables, whose metadata says nothing about their data.
   */
  static String dataVersion(Table table) {
    if (!hasDataMetadata(table) || table.getLastModifiedTime() == null) {
      return null;
    }
    StringBuilder version = new StringBuilder("bigquery:").append(table.getLastModifiedTime())
        .append(':').append(table.getNumRows() == null ? "-" : table.getNumRows().toString())
        .append(':').append(table.getNumBytes() == null ? "-" : table.getNumBytes().toString());
    if (table.getDefinition() instanceof StandardTableDefinition standard && standard.getStreamingBuffer() != null) {
      version.append(":streaming=").append(standard.getStreamingBuffer().getEstimatedRows())
          .append('@').append(standard.getStreamingBuffer().getOldestEntryTime());
    }
    return version.toString();
  }

  private static Instant modifiedAt(Table table) {
    return hasDataMetadata(table) && table.getLastModifiedTime() != null
        ? Instant.ofEpochMilli(table.getLastModifiedTime())
        : null;
  }

  private static boolean hasDataMetadata(Table table) {
    TableDefinition.Type type = table.getDefinition() == null ? null : table.getDefinition().getType();
    return !TableDefinition.Type.VIEW.equals(type) && !TableDefinition.Type.EXTERNAL.equals(type);
  }

  /** {@code MAX(column)}, read again only when the data version moved since the last reading. */
  private Instant maximum(ResolvedTable table, TableColumn column, String version, QueryContext context)
      throws WarehouseException {
    String key = table.name().display() + "#" + column.name();
    FreshnessReading last = freshnessReadings.get(key);
    if (version != null && last != null && version.equals(last.dataVersion())) {
      return last.lastUpdated();
    }
    Dialect dialect = dialect();
    String sql = Dialect.STATEMENT_LABEL + " SELECT MAX(" + dialect.quoteIdentifier(column.name()) + ") AS m0 FROM "
        + dialect.tableName(table.name());
    QueryOutcome outcome = run(configuration(sql, List.of(), context.tag(), "probe"), context, StatementKind.METADATA,
        "probe", "reading the maximum of freshness column " + column.name());
    FieldValue value = outcome.row().get(0);
    Instant lastUpdated = value.isNull() ? null : switch (column.family()) {
      case DATE -> LocalDate.parse(value.getStringValue()).atStartOfDay().toInstant(ZoneOffset.UTC);
      case TIMESTAMP -> LocalDateTime.parse(value.getStringValue()).toInstant(ZoneOffset.UTC);
      case TIMESTAMP_TZ -> value.getTimestampInstant();
      case STRING, INTEGER, DECIMAL, BOOLEAN, BINARY, OTHER -> throw new IllegalStateException(
          "freshness columns are dates or timestamps, not " + column.typeName());
    };
    if (version != null) {
      freshnessReadings.put(key, new FreshnessReading(version, lastUpdated));
    }
    return lastUpdated;
  }

  private QueryJobConfiguration configuration(String sql, List<Object> parameters, QueryTag tag, String purpose) {
    QueryJobConfiguration.Builder builder = QueryJobConfiguration.newBuilder(sql)
        .setUseLegacySql(false)
        .setMaximumBytesBilled(settings.maximumBytesBilled())
        .setJobTimeoutMs(settings.jobTimeoutMillis())
        .setLabels(BigQueryLabels.of(tag, purpose));
    if (!parameters.isEmpty()) {
      // Said explicitly: the planner binds by position (?), never by name.
      builder.setParameterMode("POSITIONAL");
      for (Object parameter : parameters) {
        builder.addPositionalParameter(BigQueryParameters.of(parameter));
      }
    }
    return builder.build();
  }

  /** The bytes the query would process, from a dry run (validated, estimated, nothing billed). */
  private long dryRun(QueryJobConfiguration configuration, QueryContext context) throws WarehouseException {
    BigQuery bigQuery = service();
    context.tally().record(StatementKind.METADATA);
    try {
      Job dry = bigQuery.create(JobInfo.of(jobId("dryrun"), configuration.toBuilder().setDryRun(true).build()));
      JobStatistics.QueryStatistics statistics = dry.getStatistics();
      Long bytes = statistics == null ? null : statistics.getTotalBytesProcessed();
      LOG.debug("dry run for {}: {} bytes", context.tag().value(), bytes);
      return bytes == null ? 0 : bytes;
    } catch (BigQueryException e) {
      throw BigQueryFailures.of(settings, e, "the dry run of the scan");
    }
  }

  /**
   * Runs one query job to completion and returns its first row: {@code jobs.insert}, then
   * {@code jobs.get} until the job is done (cancelled past its timeout and grace), then the results
   * through {@code jobs.getQueryResults} and {@code tabledata.list}.
   */
  private QueryOutcome run(QueryJobConfiguration configuration, QueryContext context, StatementKind kind, String purpose,
      String what) throws WarehouseException {
    BigQuery bigQuery = service();
    JobId id = jobId(purpose);
    context.tally().record(kind);
    try {
      Job job = awaitDone(bigQuery, bigQuery.create(JobInfo.of(id, configuration)), what);
      JobStatistics.QueryStatistics statistics = job.getStatistics();
      if (statistics != null) {
        context.tally().recordBytes(orZero(statistics.getTotalBytesProcessed()), orZero(statistics.getTotalBytesBilled()));
      }
      if (job.getStatus().getError() != null) {
        throw BigQueryFailures.ofJob(settings, job.getStatus().getError(), what);
      }
      LOG.debug("job {} for {}: {} bytes processed, {} billed", id.getJob(), context.tag().value(),
          statistics == null ? null : statistics.getTotalBytesProcessed(),
          statistics == null ? null : statistics.getTotalBytesBilled());
      TableResult result = job.getQueryResults();
      Iterator<FieldValueList> rows = result.getValues().iterator();
      if (!rows.hasNext()) {
        throw new WarehouseException(WarehouseFailure.QUERY_ERROR, what + " on " + BigQueryFailures.where(settings)
            + " returned no row");
      }
      return new QueryOutcome(result.getSchema(), rows.next());
    } catch (BigQueryException e) {
      throw BigQueryFailures.of(settings, e, what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(bigQuery, id);
      throw new WarehouseException(WarehouseFailure.TIMEOUT, what + " on " + BigQueryFailures.where(settings)
          + " was interrupted and its job cancelled");
    }
  }

  private Job awaitDone(BigQuery bigQuery, Job inserted, String what) throws InterruptedException, WarehouseException {
    Duration wait = tuning.waitFor(settings.jobTimeout());
    long deadline = System.nanoTime() + wait.toNanos();
    Duration pause = tuning.firstPoll();
    Job job = inserted;
    while (!done(job)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        cancel(bigQuery, job.getJobId());
        throw new WarehouseException(WarehouseFailure.TIMEOUT, what + " on " + BigQueryFailures.where(settings)
            + " was still running " + wait.toMillis() + " ms after it started (job timeout "
            + settings.jobTimeoutMillis() + " ms), so meshwatch cancelled it");
      }
      Thread.sleep(Math.max(1, Math.min(pause.toMillis(), Duration.ofNanos(left).toMillis())));
      pause = pause.multipliedBy(2).compareTo(tuning.maxPoll()) > 0 ? tuning.maxPoll() : pause.multipliedBy(2);
      job = bigQuery.getJob(job.getJobId());
      if (job == null) {
        throw new WarehouseException(WarehouseFailure.QUERY_ERROR, what + " on " + BigQueryFailures.where(settings)
            + ": BigQuery no longer knows the job");
      }
    }
    return job;
  }

  private static boolean done(Job job) {
    return job.getStatus() != null && JobStatus.State.DONE.equals(job.getStatus().getState());
  }

  private void cancel(BigQuery bigQuery, JobId id) {
    try {
      bigQuery.cancel(id);
    } catch (BigQueryException e) {
      // The job may have finished or failed meanwhile; the timeout is what gets reported.
      LOG.debug("cancelling job {} on connection '{}' failed ({})", id.getJob(), settings.connection(), e.getReason());
    }
  }

  private JobId jobId(String purpose) {
    JobId.Builder builder = JobId.newBuilder()
        .setProject(settings.project())
        .setJob("meshwatch_" + purpose + "_" + UUID.randomUUID());
    if (settings.location() != null) {
      builder.setLocation(settings.location());
    }
    return builder.build();
  }

  private Object scanValue(Field field, FieldValue value, int position) throws WarehouseException {
    if (value.isNull()) {
      return null;
    }
    return switch (field.getType().getStandardType()) {
      case INT64 -> value.getLongValue();
      case BOOL -> value.getBooleanValue();
      case FLOAT64, NUMERIC, BIGNUMERIC, STRING, BYTES, STRUCT, ARRAY, TIMESTAMP, DATE, TIME, DATETIME, GEOGRAPHY, JSON,
          INTERVAL, RANGE -> throw new WarehouseException(WarehouseFailure.QUERY_ERROR, "the scan on "
          + BigQueryFailures.where(settings) + " returned column m" + position + " as " + field.getType()
          + ", not a count or a truth value");
    };
  }

  private BigQuery service() throws WarehouseException {
    synchronized (serviceLock) {
      if (service == null) {
        Credentials loaded;
        try {
          loaded = credentials.load();
        } catch (IOException | RuntimeException e) {
          throw new WarehouseException(WarehouseFailure.AUTHENTICATION, credentialsProblem());
        }
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
            .setProjectId(settings.project())
            .setCredentials(loaded)
            .setRetrySettings(tuning.retrySettings())
            .setTransportOptions(HttpTransportOptions.newBuilder()
                .setConnectTimeout(Math.toIntExact(tuning.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(tuning.readTimeout().toMillis()))
                .build());
        if (settings.location() != null) {
          options.setLocation(settings.location());
        }
        if (settings.endpoint() != null) {
          options.setHost(settings.endpoint());
        }
        service = options.build().getService();
      }
      return service;
    }
  }

  private String credentialsProblem() {
    return switch (settings.credentials()) {
      case APPLICATION_DEFAULT -> "no Application Default Credentials for " + BigQueryFailures.where(settings)
          + ": run on Google Cloud with a service account, set GOOGLE_APPLICATION_CREDENTIALS, or name a"
          + " service-account key in password_file";
      case SERVICE_ACCOUNT -> "the service-account key of " + BigQueryFailures.where(settings)
          + " (password_file or password_env) is not a valid Google credentials JSON";
      case NONE -> "credentials could not be set up for " + BigQueryFailures.where(settings);
    };
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String display(TableId id) {
    return id.getProject() + "." + id.getDataset() + "." + id.getTable();
  }
}
