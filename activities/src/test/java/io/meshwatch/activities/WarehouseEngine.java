package io.meshwatch.activities;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.RecordingSqlLogger;
import io.meshwatch.activities.warehouse.WarehouseClient;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.model.OutputFormat;
import java.time.Duration;
import java.util.List;

/** A real warehouse engine under test: how to write to it and how to read it through meshwatch. */
interface WarehouseEngine {

  OutputFormat format();

  /** Settings that reach this engine. */
  ConnectionSettings settings(String connection, Duration statementTimeout);

  /** Settings that cannot reach anything: a port with no server, a file in no directory. */
  ConnectionSettings unreachableSettings(String connection);

  /** A client on the settings whose statements are recorded by {@code logger}. */
  WarehouseClient client(ConnectionSettings settings, RecordingSqlLogger logger);

  /** Runs statements in one session of a writer that is not meshwatch, then closes it. */
  void write(String... statements);

  /** Like {@link #write}, and makes the writes visible to the engine's change counters at once. */
  void writeAndPublishStatistics(String... statements);

  /** Runs one query in a writer session and returns the first column of its single row. */
  Object selectOne(String sql);

  default WarehouseConnections connections(ConnectionSettings settings, RecordingSqlLogger logger) {
    return new WarehouseConnections(List.of(
        new WarehouseConnections.Registered(settings.name(), format(), client(settings, logger))));
  }
}
