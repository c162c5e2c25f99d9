package io.meshwatch.activities.sql;

import java.util.Objects;

/** A table's name as the warehouse spells it; {@code catalog} and {@code schema} may be null. */
public record TableName(String catalog, String schema, String table) {

  public TableName {
    Objects.requireNonNull(table, "table");
  }

  /** The dotted name for messages (not for SQL: use {@link Dialect#tableName}). */
  public String display() {
    return (catalog == null ? "" : catalog + ".") + (schema == null ? "" : schema + ".") + table;
  }
}
