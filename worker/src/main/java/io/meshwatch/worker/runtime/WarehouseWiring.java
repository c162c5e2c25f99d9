package io.meshwatch.worker.runtime;

import io.meshwatch.activities.WarehouseActivitiesImpl;
import io.meshwatch.activities.freshness.FreshnessPolicy;
import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.SharedMetadata;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import io.meshwatch.activities.warehouse.duckdb.DuckDbWarehouseClient;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.HumanDuration;
import io.meshwatch.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the warehouse activities from the named connections of worker config; secrets resolved here, never logged. */
final class WarehouseWiring {

  private WarehouseWiring() {}

  static WarehouseActivities activities(Map<String, WorkerConfig.Warehouse> warehouses, ConfigLoader secrets, FreshnessPolicy policy,
      Duration pollInterval) {
    return activities(warehouses, secrets, policy, pollInterval, List.of());
  }

  /** The configured connections and {@code prebuilt} ones, which config cannot name (a benchmark's warehouse). */
  static WarehouseActivities activities(Map<String, WorkerConfig.Warehouse> warehouses, ConfigLoader secrets, FreshnessPolicy policy,
      Duration pollInterval, List<WarehouseConnections.Registered> prebuilt) {
    List<ConnectionSettings> settings = new ArrayList<>();
    Map<String, DeltaRoots> deltaRoots = new HashMap<>();
    warehouses.forEach((name, w) -> {
      if (!w.allowedRoots().isEmpty()) {
        deltaRoots.put(name, new DeltaRoots(w.allowedRoots()));
      }
      OutputFormat format = OutputFormat.valueOf(w.format().toUpperCase(Locale.ROOT));
      Map<String, String> properties = switch (format) {
        case SNOWFLAKE, POSTGRES -> sharedMetadataProperties(w.properties(), pollInterval);
        case DUCKDB -> withIsoDuration(w.properties(), DuckDbWarehouseClient.KEEP_OPEN);
        case BIGQUERY, DELTA -> w.properties();
      };
      settings.add(new ConnectionSettings(name, format, w.url(), w.user(), secrets.secret(w.passwordEnv(), w.passwordFile()),
          w.statementTimeout(), true, properties));
    });
    return new WarehouseActivitiesImpl(WarehouseConnections.fromSettings(settings, deltaRoots, prebuilt), policy);
  }

  /** Worker config writes durations as "2s"; the clients read ISO-8601. */
  static Map<String, String> withIsoDuration(Map<String, String> given, String key) {
    if (!given.containsKey(key)) {
      return given;
    }
    Map<String, String> properties = new HashMap<>(given);
    properties.put(key, HumanDuration.parse(given.get(key)).toString());
    return properties;
  }

  /**
   * On Snowflake and PostgreSQL, one batched metadata read serves the probes of every product on
   * the connection for a fifth of the poll interval unless {@code metadata_max_age} says otherwise:
   * at most about five metadata batches per poll however many products, and metadata at most that
   * old, so a freshness deadline is still seen within a fifth of a poll.
   */
  static Map<String, String> sharedMetadataProperties(Map<String, String> given, Duration pollInterval) {
    Map<String, String> properties = new HashMap<>(given);
    String key = SharedMetadata.MAX_AGE;
    Duration maxAge = given.containsKey(key) ? HumanDuration.parse(given.get(key)) : pollInterval.dividedBy(5);
    properties.put(key, maxAge.toString());
    return properties;
  }
}
