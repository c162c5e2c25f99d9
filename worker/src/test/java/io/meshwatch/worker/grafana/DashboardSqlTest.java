package io.meshwatch.worker.grafana;

import static io.meshwatch.activities.store.IncidentFixtures.MAIN_MESSAGE;
import static io.meshwatch.activities.store.IncidentFixtures.transition;
import static io.meshwatch.activities.store.StoreFixtures.evaluatedCycle;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.lateSince;
import static io.meshwatch.activities.store.StoreFixtures.minimalSpec;
import static io.meshwatch.activities.store.StoreFixtures.onTime;
import static io.meshwatch.activities.store.StoreFixtures.probeCycle;
import static io.meshwatch.activities.store.StoreFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.activities.store.ResultStore;
import io.meshwatch.activities.store.StoreDatabase;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.worker.prometheus.RepoRoot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every PostgreSQL query of the dashboards — panel targets and SQL variables — run as Grafana
 * would send it (macros over 2026-Q1, variables set) against the migrated schema holding a recorded
 * quarter: two products in two domains, daily cycles with a late spell and a week the monitor was
 * away, weekly evaluations, and incidents acknowledged, resolved and still open. Each query must
 * return rows with the columns its panel shows.
 */
class DashboardSqlTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ProductId ORDERS = new ProductId("orders", "orders-daily");
  static final ProductId PAYMENTS = new ProductId("payments", "payments-settled");
  /** The dashboard's time range: Grafana's now-1Q/fQ on a day in 2026-Q2 (its "to" is the quarter's last millisecond). */
  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-31T23:59:59.999Z");
  /** SQL variables as Grafana renders them: single values raw (the query quotes them), multi-values quoted and joined. */
  static final Map<String, String> VARIABLES = Map.of("product", ORDERS.toString(), "domain", "'orders','payments'");

  /** The columns each PostgreSQL panel shows, in order; a new panel needs its line here. */
  static final Map<String, List<String>> COLUMNS = Map.ofEntries(
      Map.entry("meshwatch-sla-review / Whole mesh", List.of("availability %", "coverage %", "quality score",
          "products meeting target", "products", "breaches", "mean time to acknowledge", "mean time to resolve")),
      Map.entry("meshwatch-sla-review / Availability vs target per product", List.of("domain", "product", "availability %",
          "target %", "target", "coverage %", "late time", "quality score", "evaluations", "breaches",
          "mean time to acknowledge", "mean time to resolve")),
      Map.entry("meshwatch-sla-review / Availability and target per product", List.of("product", "availability %", "target %")),
      Map.entry("meshwatch-sla-review / Quality score per product", List.of("product", "quality score")),
      Map.entry("meshwatch-sla-review / Per domain", List.of("domain", "products", "meeting target", "availability %",
          "coverage %", "quality score", "breaches", "mean time to acknowledge", "mean time to resolve")),
      Map.entry("meshwatch-sla-review / Quality score per domain", List.of("domain", "quality score")),
      Map.entry("meshwatch-sla-review / Breaches", List.of("opened", "domain", "product", "state", "time to acknowledge",
          "time to resolve", "resolution")),
      Map.entry("meshwatch-sla-review / Mean time to acknowledge and resolve per domain",
          List.of("domain", "mean time to acknowledge", "mean time to resolve")),
      Map.entry("meshwatch-sla-review / Availability by quarter", List.of("time", "metric", "availability %")),
      Map.entry("meshwatch-sla-review / Quarter over quarter", List.of("quarter", "products", "meeting target",
          "availability %", "coverage %", "quality score", "breaches", "mean time to acknowledge", "mean time to resolve")),
      Map.entry("meshwatch-sla-review / variable $domain", List.of("domain")),
      Map.entry("meshwatch-product / Scores over the range", List.of("availability %", "target %", "coverage %",
          "quality score", "evaluations", "breaches")),
      Map.entry("meshwatch-product / Status timeline", List.of("time", "state")),
      Map.entry("meshwatch-product / Latest result per check", List.of("check", "kind", "outcome", "observed", "threshold",
          "violations", "rows", "message", "evaluated at")),
      Map.entry("meshwatch-product / Check results", List.of("time", "check", "kind", "outcome", "observed", "threshold",
          "violations", "rows", "spec version", "message")),
      Map.entry("meshwatch-product / Incidents", List.of("opened", "state", "product state", "acknowledged",
          "acknowledged by", "resolved", "resolution", "duration", "failing checks", "incident")),
      Map.entry("meshwatch-product / Incident transitions", List.of("time", "incident", "sequence", "kind", "actor", "via", "detail")),
      Map.entry("meshwatch-product / Stored evaluations", List.of("time", "duration", "statements", "scans")),
      Map.entry("meshwatch-product / variable $product", List.of("product_id")));

  static final List<DashboardQuery> QUERIES = Dashboard.loadAll(RepoRoot.find().resolve("grafana/dashboards")).stream()
      .flatMap(d -> d.queries().stream()).filter(DashboardQuery::isPostgres).toList();

  /** The rows a query returned: column labels and values. */
  record Rows(List<String> columns, List<List<Object>> values) {

    List<Object> column(String name) {
      int i = columns.indexOf(name);
      return values.stream().map(row -> row.get(i)).toList();
    }
  }

  /** Records the quarter once, then runs every query and the checks of particular panels over it. */
  @TestFactory
  Stream<DynamicNode> overARecordedQuarter() {
    recordAQuarter();
    return Stream.of(
        DynamicContainer.dynamicContainer("every PostgreSQL query runs and returns its panel's columns",
            QUERIES.stream().map(query -> DynamicTest.dynamicTest(query.where(), () -> runsWithItsColumns(query)))),
        DynamicTest.dynamicTest("the status timeline marks the week the monitor was away and the late spell",
            DashboardSqlTest::theStatusTimelineMarksTheWeekTheMonitorWasAwayAndTheLateSpell),
        DynamicTest.dynamicTest("the breaches table has the response times the scores average",
            DashboardSqlTest::theBreachesTableHasTheResponseTimesTheScoresAverage),
        DynamicTest.dynamicTest("the quarter trend covers the quarter of the range's end and the four before",
            DashboardSqlTest::theQuarterTrendCoversTheQuarterOfTheRangesEndAndTheFourBefore));
  }

  /** The recorded quarter; EmbeddedStore empties the tables before each test method, so the factory records it. */
  private static void recordAQuarter() {
    StoreDatabase db = STORE.database();
    db.registry().apply(fullSpec(), null, "alice", Instant.parse("2025-12-01T00:00:00Z"));
    db.registry().apply(minimalSpec(PAYMENTS), null, "alice", Instant.parse("2026-01-10T00:00:00Z"));
    ResultStore results = db.results(Duration.ofDays(2));

    // orders: a cycle a day, an evaluation on Mondays, late on Feb 10 06:00-12:00, away Feb 15-20.
    Instant late = Instant.parse("2026-02-10T06:00:00Z");
    Instant since = Instant.parse("2025-12-01T00:00:00Z");
    for (Instant day = since; day.isBefore(Instant.parse("2026-04-01T00:00:00Z")); day = day.plus(Duration.ofDays(1))) {
      if (!day.isBefore(Instant.parse("2026-02-15T00:00:00Z")) && day.isBefore(Instant.parse("2026-02-21T00:00:00Z"))) {
        continue;
      }
      if (day.atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY) {
        results.recordCycle(evaluatedCycle(ORDERS, day, ProductState.HEALTHY, List.of(
            result("not_null:order_id", CheckKind.NOT_NULL, Outcome.PASS),
            result("revenue_non_negative", CheckKind.CUSTOM, day.isBefore(late) ? Outcome.PASS : Outcome.WARN))));
      } else {
        results.recordCycle(probeCycle(ORDERS, day, ProductState.HEALTHY, since, onTime(day)));
      }
      if (day.equals(Instant.parse("2026-02-10T00:00:00Z"))) {
        results.recordCycle(probeCycle(ORDERS, late.plus(Duration.ofHours(1)), ProductState.LATE, late, lateSince(late)));
        results.recordCycle(probeCycle(ORDERS, late.plus(Duration.ofHours(4)), ProductState.LATE, late, lateSince(late)));
        since = late.plus(Duration.ofHours(6));
        results.recordCycle(probeCycle(ORDERS, since, ProductState.HEALTHY, since, onTime(since)));
      }
    }
    // orders' breach: acknowledged after 20 minutes, resolved after 6 hours.
    record(transition(ORDERS, late, 1, TransitionKind.OPENED, late, MAIN_MESSAGE));
    record(transition(ORDERS, late, 2, TransitionKind.ACKNOWLEDGED, late.plus(Duration.ofMinutes(20)), MAIN_MESSAGE));
    record(transition(ORDERS, late, 3, TransitionKind.RESOLVED, late.plus(Duration.ofHours(6)), MAIN_MESSAGE));

    // payments: failing since Mar 20 with an incident nobody acknowledged yet.
    Instant failing = Instant.parse("2026-03-20T08:00:00Z");
    for (Instant day = Instant.parse("2026-01-10T00:00:00Z"); day.isBefore(Instant.parse("2026-04-01T00:00:00Z"));
        day = day.plus(Duration.ofDays(1))) {
      boolean failed = !day.isBefore(failing);
      results.recordCycle(evaluatedCycle(PAYMENTS, day, failed ? ProductState.FAILING : ProductState.HEALTHY, List.of(
          result("custom_positive", CheckKind.CUSTOM, failed ? Outcome.FAIL : Outcome.PASS))));
    }
    record(transition(PAYMENTS, failing, 1, TransitionKind.OPENED, failing, MAIN_MESSAGE));
  }

  @Test
  void everyPostgresPanelHasItsExpectedColumnsListed() {
    assertThat(QUERIES).as("PostgreSQL queries in the dashboards").isNotEmpty();
    assertThat(QUERIES.stream().map(DashboardQuery::toString).map(w -> w.replaceAll(" / [A-Z]$", "")).distinct())
        .as("PostgreSQL panels and variables, against COLUMNS").containsExactlyInAnyOrderElementsOf(COLUMNS.keySet());
  }

  private static void runsWithItsColumns(DashboardQuery query) throws SQLException {
    Rows rows = run(query);
    String key = query.where().replaceAll(" / [A-Z]$", "");
    assertThat(rows.columns()).as(query.where() + " columns").containsExactlyElementsOf(COLUMNS.get(key));
    assertThat(rows.values()).as(query.where() + " returns rows over the recorded quarter").isNotEmpty();
    if ("time_series".equals(query.format())) {
      assertThat(rows.columns().get(0)).as(query.where() + ": a time series starts with its time column").isEqualTo("time");
    }
    // Field overrides name columns: a renamed column would silently lose its unit or colours.
    for (JsonNode override : query.source().path("fieldConfig").path("overrides")) {
      if ("byName".equals(override.path("matcher").path("id").asText())) {
        assertThat(rows.columns()).as(query.where() + " override target").contains(override.path("matcher").path("options").asText());
      }
    }
  }

  private static void theStatusTimelineMarksTheWeekTheMonitorWasAwayAndTheLateSpell() throws SQLException {
    Rows rows = run(panel("meshwatch-product", "Status timeline"));
    assertThat(rows.column("state")).contains("HEALTHY", "LATE", "NOT MEASURED");
    int away = rows.column("state").indexOf("NOT MEASURED");
    assertThat(rows.column("time").get(away).toString()).startsWith("2026-02-14");
    assertThat(rows.column("state").get(away + 1)).isEqualTo("HEALTHY");
  }

  private static void theBreachesTableHasTheResponseTimesTheScoresAverage() throws SQLException {
    Rows breaches = run(panel("meshwatch-sla-review", "Breaches"));
    assertThat(breaches.column("product")).containsExactly("orders-daily", "payments-settled");
    assertThat(breaches.values().get(0)).containsSubsequence(1200.0, 21600.0, "FIXED");
    assertThat(breaches.values().get(1)).containsSubsequence(null, null, "OPEN");
    Rows domains = run(panel("meshwatch-sla-review", "Per domain"));
    // orders met its 99.5% target: 6 late hours in a quarter are about 0.3%.
    assertThat(domains.values().get(0)).startsWith("orders", 1L, 1L).endsWith(1L, 1200.0, 21600.0);
  }

  private static void theQuarterTrendCoversTheQuarterOfTheRangesEndAndTheFourBefore() throws SQLException {
    Rows table = run(panel("meshwatch-sla-review", "Quarter over quarter"));
    assertThat(table.column("quarter")).containsExactly("2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1");
    assertThat(table.column("products")).containsExactly(2L, 1L, 0L, 0L, 0L);
    Rows trend = run(panel("meshwatch-sla-review", "Availability by quarter"));
    Set<String> series = new HashSet<>();
    trend.column("metric").forEach(m -> series.add((String) m));
    assertThat(series).containsExactlyInAnyOrder("orders", "payments", "whole mesh");
  }

  private static DashboardQuery panel(String uid, String title) {
    return QUERIES.stream().filter(q -> q.dashboard().uid().equals(uid) && q.panel().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no PostgreSQL panel " + uid + " / " + title));
  }

  private static Rows run(DashboardQuery query) throws SQLException {
    String sql = GrafanaTemplate.sql(query.text(), FROM, TO, VARIABLES);
    try (Connection connection = STORE.database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> values = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            row.add(rs.getObject(i));
          }
          values.add(row);
        }
        return new Rows(columns, values);
      }
    } catch (SQLException e) {
      return fail(query.where() + " failed on PostgreSQL: " + e.getMessage() + "\n--- query as sent:\n" + sql);
    }
  }

  private static void record(io.meshwatch.workflows.activities.RecordIncidentInput input) {
    STORE.database().incidents().record(input);
  }
}
