package io.meshwatch.worker.bench;

import java.util.List;

/**
 * The SQL that fills a generated product table: {@code rows} rows derived from the row number, with
 * a few rows in every few hundred breaking a check, so each check finds something to count.
 * {@code seed} shifts the pattern, so no two products hold the same data.
 */
final class BenchTables {

  /** Every value is a function of the row number {@code n}; both engines accept this text. */
  private static final String SELECT_LIST = """
      CASE WHEN n % 1000 = 999 THEN NULL WHEN n % 10007 = 5 THEN n - 1 ELSE n END AS order_id,
      CASE WHEN n % 1500 = 7 THEN NULL WHEN n % 613 = 0 THEN 'customer-' || n ELSE 'c-' || (n % 5000) END AS customer_id,
      CASE WHEN n % 333 = 1 THEN NULL WHEN n % 400 = 3 THEN 'c-' || (n % 5000) || '@example.com'
           ELSE md5('c-' || (n % 5000)) END AS customer_hash,
      CASE WHEN n % 997 = 0 THEN 'unknown'
           ELSE CASE n % 4 WHEN 0 THEN 'new' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped' ELSE 'returned' END END AS status,
      CAST(1 + n % 104 AS INTEGER) AS quantity,
      CAST(CASE WHEN n % 499 = 0 THEN -5 ELSE 1 + (n % 1000) * 1.25 END AS DECIMAL(12,2)) AS amount,
      CAST((n % 7) * 0.5 AS DECIMAL(12,2)) AS discount,
      TIMESTAMP '2026-01-01 00:00:00' + n * INTERVAL '1 second' AS created_at,
      TIMESTAMP '2026-01-01 00:00:00' + n * INTERVAL '1 second'
          + CASE WHEN n % 811 = 0 THEN -1 ELSE n % 48 END * INTERVAL '1 hour' AS shipped_at""";

  private BenchTables() {}

  /** Creates and fills one product table. */
  static List<String> create(BenchEngine engine, String table, int rows, int seed) {
    String numbers = switch (engine) {
      case DUCKDB -> "(SELECT range + " + seed + " AS n FROM range(" + rows + "))";
      case POSTGRES -> "(SELECT g + " + seed + " AS n FROM generate_series(0, " + (rows - 1) + ") AS g)";
    };
    String qualified = engine.schema() + "." + table;
    String create = "CREATE TABLE " + qualified + " AS SELECT\n" + SELECT_LIST + "\nFROM " + numbers + " AS numbers";
    return switch (engine) {
      case DUCKDB -> List.of(create);
      // The freshness column is indexed, as docs/checks.md advises: the probe reads its maximum.
      // VACUUM sets the hint bits and the visibility map now, so the first measured scan does not write.
      case POSTGRES -> List.of(create, "CREATE INDEX ON " + qualified + " (created_at)", "VACUUM ANALYZE " + qualified);
    };
  }

  /** Appends one row that is newer than every other, so the data version changes. */
  static String appendOne(BenchEngine engine, String table) {
    return "INSERT INTO " + engine.schema() + "." + table
        + " SELECT order_id + 1, customer_id, customer_hash, status, quantity, amount, discount,"
        + " created_at + INTERVAL '1 second', shipped_at + INTERVAL '1 second'"
        + " FROM " + engine.schema() + "." + table + " WHERE created_at = (SELECT max(created_at) FROM "
        + engine.schema() + "." + table + ")";
  }
}
