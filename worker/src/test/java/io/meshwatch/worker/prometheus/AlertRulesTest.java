package io.meshwatch.worker.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * meshwatch's own alert rules and the Prometheus config that loads them: promtool checks both and
 * runs the rules' unit tests; every alert has a severity, a summary, a description and a runbook
 * section that exists, and is tested firing and not firing.
 */
class AlertRulesTest {

  static final Path ROOT = RepoRoot.find();
  static final String RULES = "deploy/prometheus/rules/meshwatch.rules.yml";
  static final String RULE_TESTS = "deploy/prometheus/rules/meshwatch.rules.test.yml";
  static final String CONFIG = "deploy/prometheus/prometheus.yml";
  static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
  final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void promtoolAcceptsTheRules() {
    Promtool.Result result = Promtool.onPath().run(ROOT, "check", "rules", RULES);
    assertThat(result.ok()).as("promtool check rules " + RULES + ":\n" + result.output()).isTrue();
  }

  @Test
  void theRulesUnitTestsPass() {
    Promtool.Result result = Promtool.onPath().run(ROOT, "test", "rules", RULE_TESTS);
    assertThat(result.ok()).as("promtool test rules " + RULE_TESTS + ":\n" + result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void promtoolAcceptsThePrometheusConfigAndFindsTheRules() throws IOException {
    Promtool.Result result = Promtool.onPath().run(ROOT, "check", "config", CONFIG);
    assertThat(result.ok()).as("promtool check config " + CONFIG + ":\n" + result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS: 1 rule files found").contains("rules/meshwatch.rules.yml");
    JsonNode config = yaml.readTree(ROOT.resolve(CONFIG).toFile());
    assertThat(config.path("scrape_configs")).anySatisfy(job -> {
      assertThat(job.path("job_name").asText()).isEqualTo("meshwatch");
      assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    });
  }

  @Test
  void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionThatExists() throws IOException {
    Set<String> anchors = headingAnchors(ROOT.resolve("docs/runbooks.md"));
    List<JsonNode> alerts = alerts();
    assertThat(alerts).extracting(a -> a.path("alert").asText()).contains(
        "MeshwatchNoEvaluations", "MeshwatchNotificationFailures", "MeshwatchWorkerDown", "MeshwatchWorkersAbsent");
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      assertThat(SEVERITIES).as(name + " severity").contains(alert.path("labels").path("severity").asText());
      assertThat(alert.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
      assertThat(alert.path("annotations").path("description").asText()).as(name + " description").isNotBlank();
      String runbook = alert.path("annotations").path("runbook_url").asText();
      assertThat(runbook).as(name + " runbook_url").startsWith("docs/runbooks.md#");
      String anchor = runbook.substring(runbook.indexOf('#') + 1);
      assertThat(anchors).as(name + ": docs/runbooks.md has a heading for #" + anchor).contains(anchor);
    }
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() throws IOException {
    JsonNode tests = yaml.readTree(ROOT.resolve(RULE_TESTS).toFile());
    Set<String> fired = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        (check.path("exp_alerts").isEmpty() ? quiet : fired).add(check.path("alertname").asText());
      }
    }
    for (JsonNode alert : alerts()) {
      String name = alert.path("alert").asText();
      assertThat(fired).as(name + " has a unit test where it fires").contains(name);
      assertThat(quiet).as(name + " has a unit test where it stays quiet").contains(name);
    }
  }

  private List<JsonNode> alerts() throws IOException {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode group : yaml.readTree(ROOT.resolve(RULES).toFile()).path("groups")) {
      group.path("rules").forEach(rule -> {
        if (rule.has("alert")) {
          alerts.add(rule);
        }
      });
    }
    return alerts;
  }

  /** Anchors of the Markdown headings as GitHub makes them: lower case, punctuation dropped, spaces as hyphens. */
  static Set<String> headingAnchors(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(markdown)) {
      if (line.matches("#{1,6} .*")) {
        String text = line.replaceFirst("#+ ", "").strip().toLowerCase(Locale.ROOT);
        anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
