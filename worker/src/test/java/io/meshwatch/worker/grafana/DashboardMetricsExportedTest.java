package io.meshwatch.worker.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.worker.demo.ScrapedDemo;
import io.meshwatch.worker.metrics.Exposition;
import io.meshwatch.worker.prometheus.RepoRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the dashboards and the alert rules query is one a running worker exports: the demo
 * (one start for this class) is scraped until its products, incidents, notifications (sent and
 * failed) and Temporal's worker metrics are there, and each name the PromQL selects must be among
 * the scraped names. A renamed metric thus fails here, not on an empty panel in production.
 */
class DashboardMetricsExportedTest {

  /** Series Prometheus makes itself for every scrape target: no worker exports them. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up");
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  @Test
  void everyMetricNameInTheDashboardsAndAlertRulesIsExportedByARunningWorker(@TempDir Path work) throws Exception {
    Path root = RepoRoot.find();
    List<PromQlQueries.Expression> expressions = new ArrayList<>(
        PromQlQueries.ofDashboards(Dashboard.loadAll(root.resolve("grafana/dashboards"))));
    expressions.addAll(PromQlQueries.ofRules(root.resolve("deploy/prometheus/rules/meshwatch.rules.yml")));
    Map<String, List<String>> usedBy = new TreeMap<>();
    for (PromQlQueries.Expression e : expressions) {
      Set<String> names = PromQlMetricNames.of(e.promQl());
      assertThat(names).as(e.where() + " selects no metric: " + e.promQl()).isNotEmpty();
      names.forEach(name -> usedBy.computeIfAbsent(name, n -> new ArrayList<>()).add(e.where()));
    }
    Set<String> wanted = usedBy.keySet().stream().filter(n -> !PROMETHEUS_OWN.contains(n)).collect(Collectors.toSet());

    Exposition scraped;
    try (ScrapedDemo demo = ScrapedDemo.start(work, 3)) {
      // Series appear as the demo gets there: first cycles, incidents opened after the webhook's
      // 503s, the SDK's reporter every few seconds. Wait for all the kinds, then judge the names.
      scraped = demo.scrapeUntil(e -> names(e).containsAll(wanted)
          && e.find("meshwatch_incidents_open", Map.of("state", "open")).size() == 2
          && e.sum("meshwatch_notifications_total", Map.of("outcome", "failed")) > 0
          && !e.find("temporal_worker_start_total", Map.of()).isEmpty(), TIMEOUT);
    }

    Set<String> exported = names(scraped);
    assertThat(exported).as("the scrape has product, incident, notification and Temporal series")
        .contains("meshwatch_product_state", "meshwatch_incidents_open", "meshwatch_notifications_total",
            "temporal_request_total");
    List<String> missing = usedBy.entrySet().stream()
        .filter(e -> !PROMETHEUS_OWN.contains(e.getKey()) && !exported.contains(e.getKey()))
        .map(e -> e.getKey() + " (used by " + String.join(", ", e.getValue()) + ")")
        .toList();
    assertThat(missing).as("metric names queried but not exported by a running worker; it exports "
        + new java.util.TreeSet<>(exported)).isEmpty();
  }

  private static Set<String> names(Exposition exposition) {
    return exposition.samples().stream().map(Exposition.Sample::name).collect(Collectors.toSet());
  }
}
