package io.meshwatch.activities.warehouse.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.meshwatch.activities.sql.TypeFamily;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the Delta log's types, statistics, times and paths are read. */
class DeltaMetadataTest {

  @Test
  void deltaTypesKeepTheProtocolsNamesAndMapToDuckDbTypes() {
    assertThat(DeltaColumn.typeName(new DecimalType(12, 2))).isEqualTo("decimal(12,2)");
    assertThat(DeltaColumn.typeName(new ArrayType(StringType.STRING, true))).isEqualTo("array<string>");
    assertThat(DeltaColumn.typeName(new StructType().add("a", LongType.LONG))).isEqualTo("struct<a:long>");
    assertThat(TypeFamily.of(DeltaColumn.typeName(LongType.LONG))).isEqualTo(TypeFamily.INTEGER);
    assertThat(TypeFamily.of(DeltaColumn.typeName(TimestampType.TIMESTAMP))).isEqualTo(TypeFamily.TIMESTAMP);
    assertThat(TypeFamily.of(DeltaColumn.typeName(new ArrayType(StringType.STRING, true)))).isEqualTo(TypeFamily.OTHER);

    assertThat(DeltaColumn.duckDbType(TimestampType.TIMESTAMP)).isEqualTo("TIMESTAMPTZ");
    assertThat(DeltaColumn.duckDbType(TimestampNTZType.TIMESTAMP_NTZ)).isEqualTo("TIMESTAMP");
    assertThat(DeltaColumn.duckDbType(new MapType(StringType.STRING, new DecimalType(10, 0), true)))
        .isEqualTo("MAP(VARCHAR, DECIMAL(10,0))");
    assertThat(DeltaColumn.duckDbType(new StructType().add("a b", LongType.LONG))).isEqualTo("STRUCT(\"a b\" BIGINT)");
  }

  @Test
  void statisticsKeepTopLevelNullCountsAndDateMaxima() {
    String json = "{\"numRecords\":10,\"nullCount\":{\"a\":2,\"s\":{\"x\":1},\"unknown\":3},"
        + "\"maxValues\":{\"a\":\"zz\",\"ts\":\"2024-06-10T06:00:00.000Z\"}}";
    Map<String, String> names = Map.of("a", "a", "s", "s", "ts", "ts");

    FileStatistics statistics = FileStatistics.parse(json, names::get, Set.of("ts")).orElseThrow();

    assertThat(statistics.numRecords()).isEqualTo(10);
    assertThat(statistics.nullCounts()).containsExactly(Map.entry("a", 2L));
    assertThat(statistics.maxValues()).containsExactly(Map.entry("ts", "2024-06-10T06:00:00.000Z"));
    assertThat(FileStatistics.parse("{\"nullCount\":{}}", names::get, Set.of())).isEmpty();
    assertThat(FileStatistics.parse("not json", names::get, Set.of())).isEmpty();
    assertThat(FileStatistics.parse(null, names::get, Set.of())).isEmpty();
  }

  @Test
  void recordedMaximaAndPartitionValuesReadAsInstants() {
    assertThat(ColumnMaximum.parse("2024-06-10T06:00:00.000Z")).isEqualTo(Instant.parse("2024-06-10T06:00:00Z"));
    assertThat(ColumnMaximum.parse("2024-06-10T08:00:00+02:00")).isEqualTo(Instant.parse("2024-06-10T06:00:00Z"));
    assertThat(ColumnMaximum.parse("2024-06-10T06:00:00.123456")).isEqualTo(Instant.parse("2024-06-10T06:00:00.123456Z"));
    assertThat(ColumnMaximum.parse("2024-06-10 06:00:00")).isEqualTo(Instant.parse("2024-06-10T06:00:00Z"));
    assertThat(ColumnMaximum.parse("2024-06-10")).isEqualTo(Instant.parse("2024-06-10T00:00:00Z"));
    assertThat(ColumnMaximum.parse("yesterday")).isNull();
  }

  @Test
  void kernelFileUrisBecomePathsDuckDbCanOpen() {
    assertThat(DeltaLocation.forDuckDb("file:/data/orders/city=San Francisco/part-0.parquet"))
        .isEqualTo("/data/orders/city=San Francisco/part-0.parquet");
    assertThat(DeltaLocation.forDuckDb("file:///data/orders/part-0.parquet")).isEqualTo("/data/orders/part-0.parquet");
    assertThat(DeltaLocation.forDuckDb("s3a://bucket/orders/part-0.parquet")).isEqualTo("s3a://bucket/orders/part-0.parquet");
    assertThat(DeltaLocation.of("relative/orders").path()).startsWith("/").endsWith("/relative/orders");
    assertThat(DeltaLocation.of("s3://bucket/orders").path()).isEqualTo("s3://bucket/orders");
  }
}
