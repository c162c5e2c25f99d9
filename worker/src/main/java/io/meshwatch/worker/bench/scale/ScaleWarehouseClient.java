package io.meshwatch.worker.bench.scale;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale benchmark's warehouse: every statement takes a fixed latency and almost no CPU, so the
 * figures are meshwatch's own (Temporal, activities, store) and exclude the warehouse.
 *
 * <p>A table's name says how its data moves. {@code late_<epoch millis>} holds data last updated at
 * that instant and never again, so its product's freshness deadline passes at a time the benchmark
 * chose. Any other table is refreshed every {@code refreshEvery}: its last update is the latest
 * multiple of that period, so each poll sees new data and evaluates.
 */
final class ScaleWarehouseClient implements WarehouseClient {

  static final String LATE_PREFIX = "late_";
  static final List<TableColumn> COLUMNS = List.of(new TableColumn("order_id", "bigint"), new TableColumn("updated_at", "timestamp"));
  private static final long ROWS = 1_000;

  private final Duration latency;
  private final Duration refreshEvery;
  private final Clock clock;

  ScaleWarehouseClient(Duration latency, Duration refreshEvery, Clock clock) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + latency);
    }
    if (refreshEvery.isNegative() || refreshEvery.isZero()) {
      throw new IllegalArgumentException("refreshEvery must be positive, got " + refreshEvery);
    }
    this.latency = latency;
    this.refreshEvery = refreshEvery;
    this.clock = clock;
  }

  /** The table of a product whose data was last updated at {@code lastUpdated}, never again. */
  static String lateTable(Instant lastUpdated) {
    return LATE_PREFIX + lastUpdated.toEpochMilli();
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  public ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException {
    answer(context, StatementKind.METADATA);
    return new ResolvedTable(table, COLUMNS);
  }

  @Override
  public TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException {
    answer(context, StatementKind.METADATA);
    Instant lastUpdated = lastUpdated(table.table());
    return new TableProbe(new ResolvedTable(table, COLUMNS), Long.toString(lastUpdated.toEpochMilli()), lastUpdated, ROWS, null);
  }

  /** The row count first, then zero for every other measurement: no violations. */
  @Override
  public ScanRow scan(ScanQuery query, QueryContext context) throws WarehouseException {
    answer(context, StatementKind.SCAN);
    List<Object> values = new ArrayList<>(query.columns());
    values.add(ROWS);
    for (int i = 1; i < query.columns(); i++) {
      values.add(0L);
    }
    return new ScanRow(values);
  }

  private Instant lastUpdated(String table) throws WarehouseException {
    if (table.startsWith(LATE_PREFIX)) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(table.substring(LATE_PREFIX.length())));
      } catch (NumberFormatException e) {
        throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND,
            "table " + table + " of the scale warehouse must be " + LATE_PREFIX + "<epoch millis>");
      }
    }
    long period = refreshEvery.toMillis();
    return Instant.ofEpochMilli(clock.millis() / period * period);
  }

  private void answer(QueryContext context, StatementKind kind) throws WarehouseException {
    context.tally().record(kind);
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarehouseException(WarehouseFailure.TIMEOUT, "interrupted while the scale warehouse answered");
    }
  }
}
