package io.meshwatch.worker.bench.scale;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The specs the scale benchmark registers: one small shape (two columns, a not-null check and
 * freshness), in two kinds. A steady product's data is refreshed every poll and due a day later, so
 * it is evaluated every cycle and never late; a deadline product's data stops at an instant chosen so
 * that its freshness deadline passes at a given moment.
 */
final class ScaleSpecs {

  static final String DOMAIN = "scale";

  private ScaleSpecs() {}

  static String steadyName(int index) {
    return String.format(Locale.ROOT, "p-%05d", index);
  }

  static String deadlineName(int index) {
    return String.format(Locale.ROOT, "late-%05d", index);
  }

  static String steady(int index) {
    return yaml(steadyName(index), "product_" + index, "", 24);
  }

  /**
   * A product late from {@code deadline}: refreshes are expected every minute (cron) and due
   * {@code grace} later; the data's last update is half a minute before the minute whose refresh
   * never lands, so that minute plus the grace is the deadline.
   */
  static String lateFrom(int index, Instant deadline) {
    // The grace is at least a second: the refresh minute is strictly before the deadline.
    Instant missed = deadline.minusSeconds(1).truncatedTo(ChronoUnit.MINUTES);
    Duration grace = Duration.between(missed, deadline);
    Instant lastUpdated = missed.minusSeconds(30);
    return yaml(deadlineName(index), ScaleWarehouseClient.lateTable(lastUpdated),
        "  sla:\n    schedule: \"* * * * *\"\n", grace.toMillis() / 3_600_000d);
  }

  private static String yaml(String name, String table, String sla, double freshnessSlaHours) {
    return """
        apiVersion: dataproduct/v1
        kind: DataProduct
        metadata:
          name: %s
          domain: %s
          owner: scale-team
          steward: steward@example.com
        spec:
          description: A product registered by meshwatch bench-scale.
          output:
            format: postgres
            connection: %s
            schema: scale
            table: %s
          schema:
            - name: order_id
              type: bigint
              nullable: false
            - name: updated_at
              type: timestamp
          quality:
            freshness_sla_hours: %s
            freshness_column: updated_at
        %s  consumers:
            - team: analytics
              use_case: "Scale benchmark"
        """.formatted(name, DOMAIN, ScaleWorkerMain.CONNECTION, table, Double.toString(freshnessSlaHours), sla);
  }
}
