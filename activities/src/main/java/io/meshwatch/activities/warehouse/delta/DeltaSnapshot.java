package io.meshwatch.activities.warehouse.delta;

import io.delta.kernel.Snapshot;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ResolvedTable;
import java.util.List;
import java.util.Objects;

/**
 * One version of a Delta table as Kernel loaded it from the log: its identity (the table id of its
 * {@code metaData}, which a table re-created at the same location does not share), version, schema,
 * partition columns and column-mapping mode ({@code none}, {@code name} or {@code id}).
 */
record DeltaSnapshot(DeltaLocation location, Snapshot kernel, String tableId, long version, List<DeltaColumn> columns,
    List<String> partitionColumns, String columnMapping) {

  DeltaSnapshot {
    Objects.requireNonNull(location);
    Objects.requireNonNull(kernel);
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
  }

  /** The table as the planner sees it; its name is the location, which messages show. */
  ResolvedTable resolved() {
    return new ResolvedTable(new TableName(null, null, location.text()),
        columns.stream().map(DeltaColumn::tableColumn).toList());
  }

  boolean usesColumnMapping() {
    return !columnMapping.equals("none");
  }
}
