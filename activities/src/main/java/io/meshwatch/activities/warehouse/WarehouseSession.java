package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.sql.TableName;

/**
 * The statements of one evaluation, made through {@link WarehouseClient#inSession}: the catalog read
 * and then the measurement of the plan made against what it returned. An engine that can runs both
 * on one connection in one read-only transaction, so the scan sees the catalog it was planned from
 * and pays for one connection and one session set-up.
 */
public interface WarehouseSession {

  /** As {@link WarehouseClient#columns}, within the session. */
  ResolvedTable columns(TableName table) throws WarehouseException;

  /** As {@link WarehouseClient#measure}, within the session. */
  ScanRow measure(ResolvedTable table, ScanPlan plan) throws WarehouseException;

  /** Work done in a session; a {@link WarehouseException} it lets out ends the session. */
  @FunctionalInterface
  interface Work<T> {
    T run(WarehouseSession session) throws WarehouseException;
  }
}
