package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.activities.sql.TableName;

/**
 * The port to one warehouse connection. Every call is read-only, carries a statement timeout and
 * the query tag, tallies each statement it issues in the context, and reports expected failures
 * (unreachable, refused credentials, missing table, timeout) as a {@link WarehouseException} with a
 * sentence that holds no data values.
 */
public interface WarehouseClient {

  /** The dialect the planner renders for this warehouse. */
  Dialect dialect();

  /** The table's actual name and columns, from the catalog (no scan). */
  ResolvedTable columns(TableName table, QueryContext context) throws WarehouseException;

  /**
   * Columns, a data version token, the last update and a row count, without scanning the data
   * (see each adapter for what its version can miss). {@code freshnessColumn} may be null.
   */
  TableProbe probe(TableName table, String freshnessColumn, QueryContext context) throws WarehouseException;

  /** Runs one fused scan and returns its single row. */
  ScanRow scan(ScanQuery query, QueryContext context) throws WarehouseException;

  /**
   * The values of a plan's measurements, in the row shape of its query. Runs the plan's one fused
   * scan; an adapter whose metadata can answer measurements exactly (Delta's file statistics)
   * answers from it and reads the data only when it cannot. {@code table} is what {@link #columns}
   * returned and the plan was made against.
   */
  default ScanRow measure(ResolvedTable table, ScanPlan plan, QueryContext context) throws WarehouseException {
    return scan(plan.query(), context);
  }

  /**
   * Runs {@code work} in one session of this warehouse. The default makes each of the session's calls
   * on its own ({@link #columns}, then {@link #measure}); engines that can share one connection and
   * transaction between them override it. Throws when the session cannot be opened.
   */
  default <T> T inSession(QueryContext context, WarehouseSession.Work<T> work) throws WarehouseException {
    return work.run(new SeparateCalls(this, context));
  }
}
