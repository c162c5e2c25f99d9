package io.meshwatch.activities.warehouse.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The statistics a Delta writer records for one data file in its {@code add} action: the number of
 * rows, the NULLs per column where recorded, and the maximum of the date and timestamp columns (the
 * only ones meshwatch reads a maximum of, for {@code quality.freshness_column}). A column without an
 * entry has no recorded statistic: writers collect them for the first columns only
 * ({@code delta.dataSkippingNumIndexedCols}, 32 by default) or not at all.
 */
record FileStatistics(long numRecords, Map<String, Long> nullCounts, Map<String, String> maxValues) {

  private static final ObjectMapper JSON = new ObjectMapper();

  FileStatistics {
    nullCounts = Map.copyOf(nullCounts);
    maxValues = Map.copyOf(maxValues);
  }

  /**
   * The statistics in an {@code add} action's {@code stats} JSON, or empty when there are none (no
   * JSON, no {@code numRecords}, or text that is not JSON). {@code canonical} maps a column name to
   * the schema's own String (so thousands of files share one); names it does not know are skipped,
   * and so are nested columns, whose NULL counts are not a top-level column's.
   */
  static Optional<FileStatistics> parse(String json, Function<String, String> canonical, Set<String> maxColumns) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
    JsonNode rows = root.get("numRecords");
    if (rows == null || !rows.canConvertToLong()) {
      return Optional.empty();
    }
    Map<String, Long> nulls = new HashMap<>();
    JsonNode nullCount = root.get("nullCount");
    if (nullCount != null && nullCount.isObject()) {
      for (Map.Entry<String, JsonNode> entry : nullCount.properties()) {
        String column = canonical.apply(entry.getKey());
        if (column != null && entry.getValue().isIntegralNumber()) {
          nulls.put(column, entry.getValue().asLong());
        }
      }
    }
    Map<String, String> max = new HashMap<>();
    JsonNode maxValues = root.get("maxValues");
    if (maxValues != null && maxValues.isObject()) {
      for (String name : maxColumns) {
        JsonNode value = maxValues.get(name);
        if (value != null && value.isTextual()) {
          max.put(name, value.asText());
        }
      }
    }
    return Optional.of(new FileStatistics(rows.asLong(), nulls, max));
  }
}
