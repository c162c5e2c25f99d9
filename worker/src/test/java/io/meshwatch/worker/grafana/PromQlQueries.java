package io.meshwatch.worker.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression meshwatch ships — dashboard targets, the series selectors of Prometheus
 * query variables, alert rules — as Prometheus would receive it (Grafana's variables replaced).
 */
public final class PromQlQueries {

  /** One expression and where it comes from ("meshwatch-live / Data age / A", "alert MeshwatchWorkerDown"). */
  public record Expression(String where, String promQl) {}

  /** Dashboard variables at values a viewer could pick. */
  static final Map<String, String> VARIABLES = Map.of(
      "domain", "orders", "owner", "orders-platform-team", "product", "orders/orders-daily",
      "job", "meshwatch", "instance", "127.0.0.1:8080");

  /** Grafana's label_values(selector, label) and query_result(expr) take PromQL as their first argument. */
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.+),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL);
  private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.+)\\)\\s*$", Pattern.DOTALL);

  private PromQlQueries() {}

  public static List<Expression> ofDashboards(List<Dashboard> dashboards) {
    List<Expression> expressions = new ArrayList<>();
    for (Dashboard dashboard : dashboards) {
      for (DashboardQuery query : dashboard.queries()) {
        if (!query.isPrometheus()) {
          continue;
        }
        String promQl = query.isVariable() ? variableSelector(query) : query.text();
        expressions.add(new Expression(query.where(), GrafanaTemplate.promQl(promQl, VARIABLES)));
      }
    }
    return expressions;
  }

  /** The expressions of every alert rule in a Prometheus rules file. */
  public static List<Expression> ofRules(Path rulesFile) throws IOException {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(rulesFile.toFile());
    List<Expression> expressions = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.has("alert") ? "alert " + rule.path("alert").asText() : "record " + rule.path("record").asText();
        expressions.add(new Expression(rulesFile.getFileName() + " / " + name, rule.path("expr").asText()));
      }
    }
    return expressions;
  }

  private static String variableSelector(DashboardQuery query) {
    for (Pattern function : List.of(LABEL_VALUES, QUERY_RESULT)) {
      Matcher m = function.matcher(query.text());
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new IllegalArgumentException(query.where() + ": a Prometheus variable should be label_values(selector, label) "
        + "or query_result(expr), got: " + query.text());
  }
}
