package io.meshwatch.activities.warehouse.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Delta log actions as the protocol spells them, one JSON object per line, for hand-written commits. */
public final class DeltaActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaActions() {}

  public static String protocol(int reader, int writer, List<String> readerFeatures, List<String> writerFeatures) {
    Map<String, Object> protocol = new LinkedHashMap<>();
    protocol.put("minReaderVersion", reader);
    protocol.put("minWriterVersion", writer);
    if (reader >= 3) {
      protocol.put("readerFeatures", readerFeatures);
    }
    if (writer >= 7) {
      protocol.put("writerFeatures", writerFeatures);
    }
    return json(Map.of("protocol", protocol));
  }

  /** The {@code metaData} of a new table. */
  public static String metaData(StructType schema, List<String> partitionColumns, Map<String, String> configuration) {
    return metaData(UUID.randomUUID().toString(), schema.toJson(), partitionColumns, configuration);
  }

  /** A {@code metaData} action; a change of an existing table keeps its {@code id}. */
  public static String metaData(String id, String schemaJson, List<String> partitionColumns,
      Map<String, String> configuration) {
    Map<String, Object> metaData = new LinkedHashMap<>();
    metaData.put("id", id);
    metaData.put("format", Map.of("provider", "parquet", "options", Map.of()));
    metaData.put("schemaString", schemaJson);
    metaData.put("partitionColumns", partitionColumns);
    metaData.put("configuration", configuration);
    metaData.put("createdTime", 1_700_000_000_000L);
    return json(Map.of("metaData", metaData));
  }

  public static String commitInfo(String operation) {
    return json(Map.of("commitInfo", Map.of("timestamp", 1_700_000_000_000L, "operation", operation,
        "operationParameters", Map.of())));
  }

  /** An add action; {@code stats} is the statistics JSON or null for none, {@code deletionVector} null for none. */
  public static String add(String path, long size, Map<String, String> partitionValues, boolean dataChange, String stats,
      Map<String, Object> deletionVector) {
    Map<String, Object> add = new LinkedHashMap<>();
    add.put("path", path);
    add.put("partitionValues", partitionValues);
    add.put("size", size);
    add.put("modificationTime", 1_700_000_000_000L);
    add.put("dataChange", dataChange);
    if (stats != null) {
      add.put("stats", stats);
    }
    if (deletionVector != null) {
      add.put("deletionVector", deletionVector);
    }
    return json(Map.of("add", add));
  }

  public static String remove(String path, boolean dataChange) {
    Map<String, Object> remove = new LinkedHashMap<>();
    remove.put("path", path);
    remove.put("deletionTimestamp", 1_700_000_000_000L);
    remove.put("dataChange", dataChange);
    return json(Map.of("remove", remove));
  }

  /** A deletion vector stored beside the data file, marking {@code cardinality} rows deleted. */
  public static Map<String, Object> deletionVector(long cardinality) {
    return Map.of("storageType", "u", "pathOrInlineDv", "ab^-aqEH.-t@S}K{vb[*k^", "offset", 1, "sizeInBytes", 36,
        "cardinality", cardinality);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
