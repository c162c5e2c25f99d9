package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.MetadataAnswer;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one statement that reads the metadata of every table asked about on a connection:
 * {@code INFORMATION_SCHEMA.TABLES} (LAST_ALTERED, ROW_COUNT, BYTES, TABLE_TYPE) joined with
 * {@code INFORMATION_SCHEMA.COLUMNS}, one branch per database (each database has its own
 * INFORMATION_SCHEMA) joined by UNION ALL. Schema and table names are bound values, in every
 * spelling a spec may mean ({@link SnowflakeNames#spellings}), and the predicates sit on both views
 * so Snowflake narrows each view by name before joining: an unfiltered INFORMATION_SCHEMA query on
 * a large database is slow and can fail with "returned too much data".
 */
record MetadataQuery(String sql, List<String> parameters, Map<String, List<TableKey>> tablesByDatabase) {

  MetadataQuery {
    Objects.requireNonNull(sql);
    parameters = List.copyOf(parameters);
    tablesByDatabase = Map.copyOf(tablesByDatabase);
  }

  /** The query for {@code tables}, databases and names in a stable order. */
  static MetadataQuery of(Collection<TableKey> tables) {
    Map<String, List<TableKey>> byDatabase = new TreeMap<>();
    tables.stream()
        .sorted(Comparator.comparing(TableKey::database).thenComparing(TableKey::schema).thenComparing(TableKey::table))
        .distinct()
        .forEach(key -> byDatabase.computeIfAbsent(key.database(), d -> new ArrayList<>()).add(key));
    if (byDatabase.isEmpty()) {
      throw new IllegalArgumentException("a metadata query needs at least one table");
    }
    List<String> branches = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    byDatabase.forEach((database, keys) -> {
      List<String> schemas = spellings(keys.stream().map(TableKey::schema).toList());
      List<String> names = spellings(keys.stream().map(TableKey::table).toList());
      branches.add(branch(database, schemas.size(), names.size()));
      for (int view = 0; view < 2; view++) {
        parameters.addAll(schemas);
        parameters.addAll(names);
      }
    });
    return new MetadataQuery(Dialect.STATEMENT_LABEL + " " + String.join("\nUNION ALL\n", branches), parameters,
        byDatabase);
  }

  /** The same query narrowed to one of its databases. */
  MetadataQuery only(String database) {
    return of(tablesByDatabase.get(database));
  }

  private static String branch(String database, int schemas, int names) {
    String db = Dialect.SNOWFLAKE.quoteIdentifier(database);
    String schemaList = placeholders(schemas);
    String nameList = placeholders(names);
    return "SELECT t.TABLE_CATALOG, t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE,"
        + " DATE_PART(EPOCH_NANOSECOND, t.LAST_ALTERED), t.ROW_COUNT, t.BYTES,"
        + " c.COLUMN_NAME, c.DATA_TYPE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE, c.ORDINAL_POSITION"
        + "\nFROM " + db + ".INFORMATION_SCHEMA.TABLES t"
        + "\nLEFT JOIN " + db + ".INFORMATION_SCHEMA.COLUMNS c"
        + " ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
        + " AND c.TABLE_SCHEMA IN (" + schemaList + ") AND c.TABLE_NAME IN (" + nameList + ")"
        + "\nWHERE t.TABLE_SCHEMA IN (" + schemaList + ") AND t.TABLE_NAME IN (" + nameList + ")";
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  private static List<String> spellings(List<String> names) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    names.forEach(name -> all.addAll(SnowflakeNames.spellings(name)));
    return List.copyOf(all);
  }

  /** What the rows say about each table asked for. */
  Map<TableKey, MetadataAnswer<TableMetadata>> read(List<CatalogRow> rows, String connection) {
    Map<TableName, List<CatalogRow>> byTable = new LinkedHashMap<>();
    for (CatalogRow row : rows) {
      byTable.computeIfAbsent(new TableName(row.catalog(), row.schema(), row.table()), t -> new ArrayList<>()).add(row);
    }
    Map<TableKey, MetadataAnswer<TableMetadata>> result = new LinkedHashMap<>();
    tablesByDatabase.values().forEach(keys -> keys.forEach(key -> result.put(key, match(key, byTable, connection))));
    return result;
  }

  /** Every table of {@code database} is missing, with the reason, when the database cannot be read. */
  Map<TableKey, MetadataAnswer<TableMetadata>> databaseMissing(String database, String connection) {
    Map<TableKey, MetadataAnswer<TableMetadata>> result = new LinkedHashMap<>();
    for (TableKey key : tablesByDatabase.get(database)) {
      result.put(key, MetadataAnswer.Failed.notFound("database " + database + " does not exist in Snowflake connection '"
          + connection + "', or its role is not granted USAGE on it (table " + key.display() + ")"));
    }
    return result;
  }

  private static MetadataAnswer<TableMetadata> match(TableKey key, Map<TableName, List<CatalogRow>> byTable, String connection) {
    List<TableName> candidates = byTable.keySet().stream()
        .filter(t -> t.catalog().equals(key.database()))
        .filter(t -> t.schema().equalsIgnoreCase(key.schema()) && t.table().equalsIgnoreCase(key.table()))
        .toList();
    // The exact spelling wins; otherwise the only one that matches ignoring case.
    TableName chosen = candidates.stream()
        .filter(t -> t.schema().equals(key.schema()) && t.table().equals(key.table()))
        .findFirst()
        .orElse(candidates.size() == 1 ? candidates.get(0) : null);
    if (chosen == null && candidates.size() > 1) {
      return MetadataAnswer.Failed.notFound("table " + key.display() + " matches " + candidates.size()
          + " tables that differ only in case (" + candidates.stream().map(TableName::display)
              .collect(Collectors.joining(", ")) + "); write the name exactly as Snowflake has it");
    }
    if (chosen == null) {
      return MetadataAnswer.Failed.notFound("table " + key.display() + " does not exist in Snowflake connection '"
          + connection + "', or its role is not granted access to it");
    }
    return new MetadataAnswer.Found<>(metadata(chosen, byTable.get(chosen)));
  }

  private static TableMetadata metadata(TableName name, List<CatalogRow> rows) {
    CatalogRow first = rows.get(0);
    List<TableColumn> columns = rows.stream()
        .filter(r -> r.column() != null)
        .sorted(Comparator.comparing(r -> r.ordinal() == null ? Integer.MAX_VALUE : r.ordinal()))
        .map(r -> new TableColumn(r.column(), typeName(r)))
        .toList();
    return new TableMetadata(new ResolvedTable(name, columns), first.tableType(), first.lastAltered(),
        first.rowCount(), first.bytes());
  }

  /** NUMBER with its precision and scale, so NUMBER(38,0) reads as a whole number; other types as reported. */
  private static String typeName(CatalogRow row) {
    String type = row.dataType() == null ? "UNKNOWN" : row.dataType();
    if (type.toUpperCase(Locale.ROOT).equals("NUMBER") && row.precision() != null && row.scale() != null) {
      return type + "(" + row.precision() + "," + row.scale() + ")";
    }
    return type;
  }
}
