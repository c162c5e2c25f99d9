package io.meshwatch.worker.grafana;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One query of a dashboard: a panel target (PromQL {@code expr} or SQL {@code rawSql}) or a query
 * variable's definition, with where it is, for failure messages.
 *
 * @param panel the panel title, or {@code variable $name}
 * @param format Grafana's result format: {@code time_series} or {@code table}
 * @param source the panel or variable JSON it came from
 */
public record DashboardQuery(Dashboard dashboard, String panel, String refId, String datasourceType, String datasourceUid,
    String text, String format, JsonNode source) {

  public static final String PROMETHEUS_UID = "meshwatch-prometheus";
  public static final String POSTGRES_UID = "meshwatch-postgres";

  public boolean isPrometheus() {
    return PROMETHEUS_UID.equals(datasourceUid);
  }

  public boolean isPostgres() {
    return POSTGRES_UID.equals(datasourceUid);
  }

  public boolean isVariable() {
    return refId.isEmpty();
  }

  /** "meshwatch-live / Data age / A": dashboard uid, panel title and target. */
  public String where() {
    return dashboard.uid() + " / " + panel + (refId.isEmpty() ? "" : " / " + refId);
  }

  @Override
  public String toString() {
    return where();
  }
}
