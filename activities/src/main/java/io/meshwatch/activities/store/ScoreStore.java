package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.ProductId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Scores over a period (DESIGN §6), read from the SQL functions of migration V6. The arithmetic
 * lives in PostgreSQL so that this store, Grafana panels and the quarterly report cannot disagree;
 * this class only binds the period and names the columns.
 */
public final class ScoreStore {

  private final DSLContext dsl;

  public ScoreStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Every product registered at some time in {@code period}, ordered by product id. */
  public List<ProductScore> products(Period period) {
    return call("product_scores", period).map(ScoreStore::productScore);
  }

  /** One row per domain with a product registered in {@code period}, ordered by domain. */
  public List<DomainScore> domains(Period period) {
    return call("domain_scores", period).map(ScoreStore::domainScore);
  }

  /** All products as one; zeros and nulls when none was registered in {@code period}. */
  public OverallScore overall(Period period) {
    return overallScore(call("overall_scores", period).get(0));
  }

  private org.jooq.Result<Record> call(String function, Period period) {
    Objects.requireNonNull(period, "period");
    return dsl.resultQuery(
            "select * from {0}({1}, {2})",
            DSL.name(StoreDatabase.SCHEMA, function),
            DSL.val(OffsetDateTime.ofInstant(period.from(), ZoneOffset.UTC)),
            DSL.val(OffsetDateTime.ofInstant(period.to(), ZoneOffset.UTC)))
        .fetch();
  }

  private static ProductScore productScore(Record r) {
    return new ProductScore(
        ProductId.parse(r.get("product_id", String.class)),
        seconds(r, "period_seconds"),
        seconds(r, "maintenance_seconds"),
        seconds(r, "paused_seconds"),
        seconds(r, "measurable_seconds"),
        seconds(r, "measured_seconds"),
        seconds(r, "on_time_seconds"),
        r.get("availability", Double.class),
        r.get("coverage", Double.class),
        r.get("availability_target", Double.class),
        r.get("target_met", Boolean.class),
        count(r, "evaluations"),
        r.get("quality_score", Double.class),
        count(r, "breaches"),
        count(r, "acknowledged"),
        count(r, "resolved"),
        r.get("mean_time_to_acknowledge_seconds", Double.class),
        r.get("mean_time_to_resolve_seconds", Double.class));
  }

  private static DomainScore domainScore(Record r) {
    return new DomainScore(
        r.get("domain", String.class),
        count(r, "products"),
        count(r, "products_meeting_target"),
        seconds(r, "measurable_seconds"),
        seconds(r, "measured_seconds"),
        seconds(r, "on_time_seconds"),
        r.get("availability", Double.class),
        r.get("coverage", Double.class),
        r.get("quality_score", Double.class),
        count(r, "breaches"),
        r.get("mean_time_to_acknowledge_seconds", Double.class),
        r.get("mean_time_to_resolve_seconds", Double.class));
  }

  private static OverallScore overallScore(Record r) {
    return new OverallScore(
        count(r, "domains"),
        count(r, "products"),
        count(r, "products_meeting_target"),
        seconds(r, "measurable_seconds"),
        seconds(r, "measured_seconds"),
        seconds(r, "on_time_seconds"),
        r.get("availability", Double.class),
        r.get("coverage", Double.class),
        r.get("quality_score", Double.class),
        count(r, "breaches"),
        r.get("mean_time_to_acknowledge_seconds", Double.class),
        r.get("mean_time_to_resolve_seconds", Double.class));
  }

  private static double seconds(Record r, String column) {
    return r.get(column, Double.class);
  }

  private static long count(Record r, String column) {
    return r.get(column, Long.class);
  }
}
