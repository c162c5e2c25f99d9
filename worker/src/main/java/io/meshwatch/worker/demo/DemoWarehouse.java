package io.meshwatch.worker.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Generates the demo warehouse: a DuckDB file with three products' tables, dated relative to
 * {@code now} so every run shows the same picture — orders-daily healthy, payments-settled late,
 * shipments-events failing a custom check and PII handling. Regenerated on every start.
 */
public final class DemoWarehouse {

  private DemoWarehouse() {}

  public static Path generate(Path directory, Instant now) throws IOException, SQLException {
    Files.createDirectories(directory);
    Path file = directory.resolve("demo-warehouse.duckdb");
    Files.deleteIfExists(file);
    Files.deleteIfExists(directory.resolve("demo-warehouse.duckdb.wal"));
    String ts = now.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("CREATE TEMP TABLE clock AS SELECT TIMESTAMP '" + ts + "' AS now");
      // orders-daily: today's load landed 10 minutes ago; every customer id is a SHA-256 digest.
      s.execute("""
          CREATE TABLE orders_daily AS
          SELECT 'o-' || i AS order_id,
                 sha256('customer-' || (i % 700)) AS customer_id,
                 1 + (i % 5) AS order_count,
                 CAST(10 + (i % 250) * 1.25 AS DECIMAL(12,2)) AS revenue_usd,
                 CAST((SELECT now FROM clock) AS DATE) AS order_date,
                 (SELECT now FROM clock) - INTERVAL 10 MINUTE AS loaded_at
          FROM range(5000) t(i)""");
      // payments-settled: hourly loads that stopped six hours ago.
      s.execute("""
          CREATE TABLE payments_settled AS
          SELECT 'p-' || i AS payment_id,
                 CAST(5 + (i % 400) * 0.75 AS DECIMAL(18,2)) AS amount_usd,
                 (SELECT now FROM clock) - INTERVAL 6 HOUR - (i % 180) * INTERVAL 1 MINUTE AS settled_at,
                 md5('card-' || (i % 900)) AS card_fingerprint
          FROM range(3000) t(i)""");
      // shipments-events: fresh, but 1 in 40 deliveries precede their shipping and
      // 1 in 25 recipient e-mails arrived in clear text.
      s.execute("""
          CREATE TABLE shipment_events AS
          SELECT 's-' || (i / 3) AS shipment_id,
                 CASE i % 3 WHEN 0 THEN 'shipped' WHEN 1 THEN 'in_transit' ELSE 'delivered' END AS status,
                 (SELECT now FROM clock) - INTERVAL 2 DAY + (i % 60) * INTERVAL 1 MINUTE AS shipped_at,
                 CASE WHEN i % 40 = 0
                      THEN (SELECT now FROM clock) - INTERVAL 3 DAY
                      ELSE (SELECT now FROM clock) - INTERVAL 1 DAY END AS delivered_at,
                 CASE WHEN i % 25 = 0 THEN 'customer' || i || '@example.com'
                      ELSE sha256('customer' || i || '@example.com') END AS recipient_email,
                 (SELECT now FROM clock) - INTERVAL 5 MINUTE - (i % 30) * INTERVAL 1 SECOND AS event_at
          FROM range(4000) t(i)""");
      s.execute("CHECKPOINT");
    }
    return file;
  }
}
