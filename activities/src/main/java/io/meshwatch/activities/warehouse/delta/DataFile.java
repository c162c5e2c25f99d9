package io.meshwatch.activities.warehouse.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One active data file of a table version: its path as Kernel names it, its size, its partition
 * values (a value may be null: a NULL partition), its statistics (null when the writer recorded
 * none) and how many of its rows a deletion vector marks deleted (0 without one).
 */
record DataFile(String path, long size, Map<String, String> partitionValues, FileStatistics statistics,
    long deletedRows) {

  DataFile {
    Objects.requireNonNull(path);
    // Map.copyOf refuses null values, and a NULL partition is a null value.
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }
}
