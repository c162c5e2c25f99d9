package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.sql.TableName;
import java.util.Objects;

/**
 * A session whose calls each run on their own: for engines with no connection to share between
 * them (BigQuery's jobs, Delta's log) or whose catalog comes from a cache (Snowflake).
 */
public record SeparateCalls(WarehouseClient client, QueryContext context) implements WarehouseSession {

  public SeparateCalls {
    Objects.requireNonNull(client);
    Objects.requireNonNull(context);
  }

  @Override
  public ResolvedTable columns(TableName table) throws WarehouseException {
    return client.columns(table, context);
  }

  @Override
  public ScanRow measure(ResolvedTable table, ScanPlan plan) throws WarehouseException {
    return client.measure(table, plan, context);
  }
}
