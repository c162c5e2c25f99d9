package io.meshwatch.worker.runtime;

import io.meshwatch.activities.WarehouseActivitiesImpl;
import io.meshwatch.activities.freshness.FreshnessPolicy;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the warehouse activities from the named connections of worker config; secrets resolved here, never logged. */
final class WarehouseWiring {

  private WarehouseWiring() {}

  static WarehouseActivities activities(Map<String, WorkerConfig.Warehouse> warehouses, ConfigLoader secrets, FreshnessPolicy policy) {
    List<ConnectionSettings> settings = new ArrayList<>();
    warehouses.forEach((name, w) -> {
      OutputFormat format = OutputFormat.valueOf(w.format().toUpperCase(Locale.ROOT));
      settings.add(new ConnectionSettings(name, format, w.url(), w.user(), secrets.secret(w.passwordEnv(), w.passwordFile()),
          w.statementTimeout(), true, w.properties()));
    });
    return new WarehouseActivitiesImpl(WarehouseConnections.fromSettings(settings), policy);
  }
}
