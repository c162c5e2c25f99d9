package io.meshwatch.activities.warehouse.delta;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code MAX(freshness_column)} of a Delta table from its file statistics, without reading data:
 * the largest of the files' recorded maxima (or partition values, for a partition column). Files
 * whose every value is NULL have no maximum and are skipped. Writers may truncate recorded timestamp
 * maxima to milliseconds.
 *
 * @param instant the maximum, null when the table has no value
 * @param problem why the maximum cannot be read from the statistics; null when it can
 */
record ColumnMaximum(Instant instant, String problem) {

  static ColumnMaximum of(ActiveFiles files, String column, Set<String> partitionColumns) {
    Instant max = null;
    long withoutMaximum = 0;
    for (DataFile file : files.files()) {
      String value;
      if (partitionColumns.contains(column)) {
        value = file.partitionValues().get(column);
      } else if (file.statistics() == null) {
        withoutMaximum++;
        continue;
      } else {
        value = file.statistics().maxValues().get(column);
        Long nulls = file.statistics().nullCounts().get(column);
        boolean allNull = nulls != null && nulls >= file.statistics().numRecords();
        if (value == null && !allNull) {
          withoutMaximum++;
          continue;
        }
      }
      if (value == null) {
        continue;
      }
      Instant instant = parse(value);
      if (instant == null) {
        return new ColumnMaximum(null, "the freshness column " + column
            + " has a recorded maximum that is not a date or timestamp in the Delta log");
      }
      if (max == null || instant.isAfter(max)) {
        max = instant;
      }
    }
    if (withoutMaximum > 0) {
      return new ColumnMaximum(null, withoutMaximum + " of " + files.files().size() + " data files record no maximum"
          + " for the freshness column " + column + " in the Delta log; without quality.freshness_column meshwatch"
          + " uses the commit times");
    }
    return new ColumnMaximum(max, null);
  }

  /**
   * A recorded date or timestamp: ISO with an offset (Delta's {@code timestamp}), without one (a
   * {@code timestamp_ntz}, read as UTC), a partition value's {@code 2024-06-10 06:00:00}, or a date
   * (midnight UTC). Null when it is none of these.
   */
  static Instant parse(String text) {
    String iso = text.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException notOffset) {
      // try the forms without a zone
    }
    try {
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      // try a date
    }
    try {
      return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notDate) {
      return null;
    }
  }
}
