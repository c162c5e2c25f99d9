package io.meshwatch.activities.warehouse.delta;

import io.meshwatch.activities.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows of a set of a Delta table's data files as one DuckDB relation, with the table's columns
 * in the table's order:
 *
 * <pre>
 * SELECT "order_id", "revenue", "day" FROM (
 *   SELECT CAST(NULL AS VARCHAR) AS "order_id", CAST(NULL AS DECIMAL(12,2)) AS "revenue",
 *       CAST(NULL AS DATE) AS "day" WHERE false
 *   UNION ALL BY NAME SELECT *, CAST('2024-06-10' AS DATE) AS "day"
 *       FROM read_parquet(['/data/orders/day=2024-06-10/part-0.parquet'], union_by_name = true, hive_partitioning = false)
 *   UNION ALL BY NAME ...)
 * </pre>
 *
 * The empty first branch gives every column its declared type and makes a column exist even where
 * no file has it yet (added by schema evolution after the files were written: NULL, as Delta reads
 * it), and makes a table without files an empty relation. Partition values are not in the files, so
 * each group of files with the same partition values gets them as typed constants (Hive-style
 * directory names are not trusted for them). File paths and values are written as string literals;
 * nothing here is spec text.
 */
final class ParquetSource {

  private static final Dialect SQL = Dialect.DUCKDB;

  private ParquetSource() {}

  static String render(List<DeltaColumn> columns, List<String> partitionColumns, List<DataFile> files) {
    StringBuilder sql = new StringBuilder("SELECT ")
        .append(columns.stream().map(c -> SQL.quoteIdentifier(c.name())).collect(Collectors.joining(", ")))
        .append(" FROM (SELECT ")
        .append(columns.stream()
            .filter(c -> c.duckDbType() != null)
            .map(c -> "CAST(NULL AS " + c.duckDbType() + ") AS " + SQL.quoteIdentifier(c.name()))
            .collect(Collectors.joining(", ")))
        .append(" WHERE false");
    Map<Map<String, String>, List<DataFile>> groups = new LinkedHashMap<>();
    for (DataFile file : files) {
      groups.computeIfAbsent(file.partitionValues(), k -> new ArrayList<>()).add(file);
    }
    groups.forEach((partition, group) -> {
      sql.append(" UNION ALL BY NAME SELECT *");
      for (String name : partitionColumns) {
        DeltaColumn column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        String value = partition.get(name);
        sql.append(", ").append(value == null ? "NULL" : "CAST(" + SQL.stringLiteral(value) + " AS " + column.duckDbType() + ")")
            .append(" AS ").append(SQL.quoteIdentifier(name));
      }
      sql.append(" FROM read_parquet([")
          .append(group.stream().map(f -> SQL.stringLiteral(DeltaLocation.forDuckDb(f.path())))
              .collect(Collectors.joining(", ")))
          .append("], union_by_name = true, hive_partitioning = false)");
    });
    return sql.append(')').toString();
  }
}
