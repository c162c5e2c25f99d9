package io.meshwatch.activities.warehouse.snowflake;

import java.util.Objects;

/**
 * A table a product asks about: the database as Snowflake resolves it, and the schema and table as
 * the spec writes them (matched against the catalog's spellings by {@link MetadataQuery}).
 */
record TableKey(String database, String schema, String table) {

  TableKey {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  String display() {
    return database + "." + schema + "." + table;
  }
}
