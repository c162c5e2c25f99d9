package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.bigquery.BigQueryWarehouseClient;
import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import io.meshwatch.activities.warehouse.delta.DeltaWarehouseClient;
import io.meshwatch.activities.warehouse.duckdb.DuckDbWarehouseClient;
import io.meshwatch.activities.warehouse.postgres.PostgresWarehouseClient;
import io.meshwatch.activities.warehouse.snowflake.SnowflakeWarehouseClient;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The named warehouse connections of worker config (connection name → client). A product's
 * {@code spec.output.connection} picks one, {@code "default"} when absent. A Delta product without a
 * {@code connection} needs none configured: when no Delta connection is named {@code "default"}, its
 * table is read with a built-in one (Hadoop's defaults, DuckDB's defaults, the default statement
 * timeout), which serves local paths and {@code file://} locations — and object stores whose
 * credentials come from the environment. A Delta connection may restrict where its tables are
 * ({@link DeltaRoots}); while any does, the built-in connection is off, so leaving out
 * {@code connection} is no way around an allow-list.
 */
public final class WarehouseConnections {

  /** A client registered under a name, with the output format it serves. */
  public record Registered(String name, OutputFormat format, WarehouseClient client) {
    public Registered {
      Objects.requireNonNull(name);
      Objects.requireNonNull(format);
      Objects.requireNonNull(client);
    }
  }

  private final Map<String, Registered> byName = new LinkedHashMap<>();
  private final Map<String, DeltaRoots> deltaRoots;
  private Registered builtInDelta;

  public WarehouseConnections(List<Registered> connections) {
    this(connections, Map.of());
  }

  /** {@code deltaRoots}: per Delta connection name, where its tables may be (absent: anywhere). */
  public WarehouseConnections(List<Registered> connections, Map<String, DeltaRoots> deltaRoots) {
    this.deltaRoots = Map.copyOf(deltaRoots);
    for (Registered connection : connections) {
      if (byName.putIfAbsent(connection.name(), connection) != null) {
        throw new IllegalArgumentException("warehouse connection '" + connection.name() + "' is configured twice");
      }
    }
  }

  /** Builds a client for each configured connection. */
  public static WarehouseConnections fromSettings(List<ConnectionSettings> settings) {
    return fromSettings(settings, Map.of());
  }

  /** Builds a client for each configured connection; Delta connections named in {@code deltaRoots} are restricted to them. */
  public static WarehouseConnections fromSettings(List<ConnectionSettings> settings, Map<String, DeltaRoots> deltaRoots) {
    return fromSettings(settings, deltaRoots, List.of());
  }

  /** As {@link #fromSettings(List, Map)}, beside {@code prebuilt} clients that no config names (a benchmark's). */
  public static WarehouseConnections fromSettings(List<ConnectionSettings> settings, Map<String, DeltaRoots> deltaRoots,
      List<Registered> prebuilt) {
    List<Registered> all = new java.util.ArrayList<>(prebuilt);
    settings.forEach(s -> all.add(new Registered(s.name(), s.format(), clientFor(s))));
    return new WarehouseConnections(all, deltaRoots);
  }

  private static WarehouseClient clientFor(ConnectionSettings settings) {
    return switch (settings.format()) {
      case DUCKDB -> DuckDbWarehouseClient.open(settings);
      case POSTGRES -> PostgresWarehouseClient.open(settings);
      case SNOWFLAKE -> SnowflakeWarehouseClient.open(settings);
      case DELTA -> DeltaWarehouseClient.open(settings);
      case BIGQUERY -> BigQueryWarehouseClient.open(settings);
    };
  }

  public Optional<Registered> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The client and table for a product's output, or why there is none. */
  public WarehouseTarget target(OutputSpec output) {
    String name = output.connectionOrDefault();
    Registered registered = byName.get(name);
    if (output.format() == OutputFormat.DELTA && output.connection() == null
        && (registered == null || registered.format() != OutputFormat.DELTA)) {
      if (deltaRoots.values().stream().anyMatch(DeltaRoots::restricted)) {
        return new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.connection is required: Delta connections are"
            + " restricted to allowed_roots, so the built-in Delta connection is off");
      }
      registered = builtInDelta();
    }
    if (registered == null) {
      return new WarehouseTarget.Unavailable(Outcome.ERROR,
          "no warehouse connection named '" + name + "' is configured (format " + output.format().specName() + ")");
    }
    if (registered.format() != output.format()) {
      return new WarehouseTarget.Unavailable(Outcome.ERROR, "warehouse connection '" + name + "' is a "
          + registered.format().specName() + " connection, but the product's format is " + output.format().specName());
    }
    if (output.format() == OutputFormat.DELTA) {
      // A Delta table is named by its location; database/schema/table only name it in a catalog.
      if (output.location() == null || output.location().isBlank()) {
        return new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.location is not set");
      }
      // Checked before anything is read, so a refused location is not even looked at.
      Optional<String> refused = deltaRoots.getOrDefault(name, DeltaRoots.anywhere()).refusal(name, output.location());
      if (refused.isPresent()) {
        return new WarehouseTarget.Unavailable(Outcome.ERROR, refused.get());
      }
      return new WarehouseTarget.Reachable(name, registered.client(), new TableName(null, null, output.location()));
    }
    if (output.table() == null || output.table().isBlank()) {
      return new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.table is not set");
    }
    return switch (output.format()) {
      // The project may be absent: the BigQuery client falls back to its connection's project.
      case BIGQUERY -> output.dataset() == null || output.dataset().isBlank()
          ? new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.dataset is not set")
          : new WarehouseTarget.Reachable(name, registered.client(),
              new TableName(output.project(), output.dataset(), output.table()));
      case DUCKDB, POSTGRES, DELTA, SNOWFLAKE -> new WarehouseTarget.Reachable(name, registered.client(),
          new TableName(output.database(), output.schema(), output.table()));
    };
  }

  /** The built-in Delta connection, opened on first use. */
  private synchronized Registered builtInDelta() {
    if (builtInDelta == null) {
      builtInDelta = new Registered("default", OutputFormat.DELTA,
          DeltaWarehouseClient.open(ConnectionSettings.of("default", OutputFormat.DELTA, null, null, null)));
    }
    return builtInDelta;
  }
}
