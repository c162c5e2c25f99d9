package io.meshwatch.activities.warehouse;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.bigquery.BigQueryWarehouseClient;
import io.meshwatch.activities.warehouse.duckdb.DuckDbWarehouseClient;
import io.meshwatch.activities.warehouse.postgres.PostgresWarehouseClient;
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
 * {@code spec.output.connection} picks one, {@code "default"} when absent.
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

  public WarehouseConnections(List<Registered> connections) {
    for (Registered connection : connections) {
      if (byName.putIfAbsent(connection.name(), connection) != null) {
        throw new IllegalArgumentException("warehouse connection '" + connection.name() + "' is configured twice");
      }
    }
  }

  /** Builds a client for each configured connection. */
  public static WarehouseConnections fromSettings(List<ConnectionSettings> settings) {
    return new WarehouseConnections(settings.stream()
        .map(s -> new Registered(s.name(), s.format(), clientFor(s)))
        .toList());
  }

  private static WarehouseClient clientFor(ConnectionSettings settings) {
    return switch (settings.format()) {
      case DUCKDB -> DuckDbWarehouseClient.open(settings);
      case POSTGRES -> PostgresWarehouseClient.open(settings);
      case BIGQUERY -> BigQueryWarehouseClient.open(settings);
      case DELTA, SNOWFLAKE -> throw new IllegalArgumentException("warehouse connection '"
          + settings.name() + "': meshwatch cannot read " + settings.format().specName() + " yet");
    };
  }

  public Optional<Registered> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The client and table for a product's output, or why there is none. */
  public WarehouseTarget target(OutputSpec output) {
    String name = output.connectionOrDefault();
    Registered registered = byName.get(name);
    if (registered == null) {
      return switch (output.format()) {
        case DUCKDB, POSTGRES, BIGQUERY -> new WarehouseTarget.Unavailable(Outcome.ERROR,
            "no warehouse connection named '" + name + "' is configured (format " + output.format().specName() + ")");
        case DELTA, SNOWFLAKE -> new WarehouseTarget.Unavailable(Outcome.NOT_EVALUATED,
            "no connection configured for format " + output.format().specName() + ": meshwatch cannot read "
                + output.format().specName() + " outputs yet");
      };
    }
    if (registered.format() != output.format()) {
      return new WarehouseTarget.Unavailable(Outcome.ERROR, "warehouse connection '" + name + "' is a "
          + registered.format().specName() + " connection, but the product's format is " + output.format().specName());
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
}
