package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.warehouse.ResolvedTable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One table's row of {@code INFORMATION_SCHEMA.TABLES} with its columns from
 * {@code INFORMATION_SCHEMA.COLUMNS}. {@code lastAltered}, {@code rowCount} and {@code bytes} may be
 * null (views have no row count).
 */
record TableMetadata(ResolvedTable table, String tableType, Instant lastAltered, Long rowCount, Long bytes) {

  TableMetadata {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(tableType, "tableType");
  }

  /**
   * True for stored tables, whose LAST_ALTERED moves with every DML. A view's moves only when the
   * view is redefined, an external table's when its file list is refreshed, and a materialized view
   * is maintained in the background: for those the metadata cannot tell that the data changed.
   */
  boolean tracksChanges() {
    String type = tableType.toUpperCase(Locale.ROOT);
    return type.endsWith("TABLE") && !type.contains("EXTERNAL");
  }

  /**
   * A token that changes whenever the table's data changes: LAST_ALTERED, row count and bytes. It
   * also changes on DDL, reclustering and other maintenance (an extra scan, never a missed change).
   * Null when the metadata cannot tell.
   */
  String dataVersion() {
    if (!tracksChanges() || lastAltered == null) {
      return null;
    }
    long nanos = lastAltered.getEpochSecond() * 1_000_000_000L + lastAltered.getNano();
    return "snowflake:" + nanos + ":" + (rowCount == null ? "-" : rowCount) + ":" + (bytes == null ? "-" : bytes);
  }

  /** LAST_ALTERED of a stored table, the last update when no freshness column is declared. */
  Instant lastUpdated() {
    return tracksChanges() ? lastAltered : null;
  }
}
