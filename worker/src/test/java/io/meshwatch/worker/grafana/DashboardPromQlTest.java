package io.meshwatch.worker.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwatch.worker.prometheus.Promtool;
import io.meshwatch.worker.prometheus.RepoRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the dashboards parses in Prometheus's own grammar: each is written as a
 * recording rule, in a group named after its dashboard, panel and target, and promtool checks the file.
 */
class DashboardPromQlTest {

  static final List<PromQlQueries.Expression> EXPRESSIONS =
      PromQlQueries.ofDashboards(Dashboard.loadAll(RepoRoot.find().resolve("grafana/dashboards")));
  private static final Pattern FAILED_GROUP = Pattern.compile("group \"([^\"]+)\"");

  @Test
  void theDashboardsHavePromQlFromEveryPrometheusDashboard() {
    assertThat(EXPRESSIONS.stream().map(e -> e.where().split(" / ")[0]).distinct())
        .containsExactlyInAnyOrder("meshwatch-live", "meshwatch-product", "meshwatch-health");
  }

  @Test
  void everyExpressionParsesWithPromtool(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.onPath();
    Path rules = dir.resolve("dashboard-queries.rules.yml");
    // Distinct record names: promtool's lint fails a file recording one name twice.
    List<Map<String, Object>> groups = java.util.stream.IntStream.range(0, EXPRESSIONS.size())
        .mapToObj(i -> Map.<String, Object>of("name", EXPRESSIONS.get(i).where(),
            "rules", List.of(Map.of("record", "meshwatch:dashboard_query_" + i, "expr", EXPRESSIONS.get(i).promQl()))))
        .toList();
    new ObjectMapper(new YAMLFactory()).writeValue(rules.toFile(), Map.of("groups", groups));

    Promtool.Result result = promtool.run(dir, "check", "rules", rules.getFileName().toString());

    assertThat(result.ok()).as(() -> "promtool check rules found expressions that do not parse:\n" + result.output()
        + culprits(result.output())).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + EXPRESSIONS.size() + " rules found");
  }

  /** The expressions of the groups promtool names, so the message shows the query and not only its place. */
  private static String culprits(String output) {
    Matcher m = FAILED_GROUP.matcher(output);
    Map<String, String> byWhere = EXPRESSIONS.stream()
        .collect(Collectors.toMap(PromQlQueries.Expression::where, PromQlQueries.Expression::promQl, (a, b) -> a));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      out.append("\n").append(m.group(1)).append(":\n  ").append(byWhere.get(m.group(1)));
    }
    return out.toString();
  }
}
