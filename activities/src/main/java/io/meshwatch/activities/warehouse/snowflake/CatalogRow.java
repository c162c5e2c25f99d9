package io.meshwatch.activities.warehouse.snowflake;

import java.time.Instant;

/**
 * One row of the metadata query: a table's INFORMATION_SCHEMA.TABLES fields and one of its columns
 * (the column fields are null for a table the role sees no column of).
 */
record CatalogRow(String catalog, String schema, String table, String tableType, Instant lastAltered, Long rowCount,
    Long bytes, String column, String dataType, Integer precision, Integer scale, Integer ordinal) {}
