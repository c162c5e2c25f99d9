package io.meshwatch.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.SecretSource;
import io.meshwatch.worker.config.WorkerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose as Docker Compose sees it: rendered by {@code docker-compose config} (no engine
 * needed), then read back. The stack cannot be started here; what can go wrong before that is
 * checked: services, health checks, start order, mounts, meshwatch's own config, pinned versions,
 * and that the Prometheus and Grafana files it mounts agree with where it mounts them.
 */
class DeployComposeTest {

  private static final Set<String> SERVICES = Set.of("postgres", "temporal", "temporal-ui", "meshwatch", "prometheus", "grafana");
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$(?:__env)?\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private static Path root;
  private static Path compose;
  private static JsonNode rendered;

  @BeforeAll
  static void render() {
    root = DeployFiles.root();
    compose = root.resolve("deploy/compose");
    String out = DeployFiles.succeed(root, List.of("docker-compose", "--env-file", "deploy/compose/.env", "-f",
        "deploy/compose/docker-compose.yml", "config"));
    rendered = DeployFiles.yaml(out);
  }

  @Test
  void everyServiceIsThereWithAHealthCheck() {
    assertThat(names(rendered.path("services"))).containsExactlyInAnyOrderElementsOf(SERVICES);
    rendered.path("services").properties().forEach(service -> {
      JsonNode test = service.getValue().path("healthcheck").path("test");
      assertThat(test.isArray() && test.size() >= 2).as("%s has a health check command", service.getKey()).isTrue();
      assertThat(test.get(0).asText()).as(service.getKey()).isIn("CMD", "CMD-SHELL");
    });
  }

  @Test
  void startOrderWaitsForHealth() {
    Map<String, Set<String>> dependsOn = new TreeMap<>();
    rendered.path("services").properties().forEach(service -> {
      JsonNode deps = service.getValue().path("depends_on");
      deps.properties().forEach(dep -> assertThat(dep.getValue().path("condition").asText())
          .as("%s waits for %s to be healthy", service.getKey(), dep.getKey()).isEqualTo("service_healthy"));
      dependsOn.put(service.getKey(), names(deps));
    });
    assertThat(dependsOn.get("temporal")).containsExactly("postgres");
    assertThat(dependsOn.get("meshwatch")).containsExactlyInAnyOrder("postgres", "temporal");
    assertThat(dependsOn.get("temporal-ui")).containsExactly("temporal");
    assertThat(dependsOn.get("grafana")).containsExactlyInAnyOrder("prometheus", "postgres");
    // The monitor of the monitor must not wait for what it watches.
    assertThat(dependsOn.get("prometheus")).isEmpty();
  }

  @Test
  void everyMountedPathIsInTheRepositoryAndEveryVolumeIsNamed() {
    Set<String> namedVolumes = names(rendered.path("volumes"));
    assertThat(namedVolumes).containsExactlyInAnyOrder("postgres-data", "prometheus-data", "grafana-data");
    Set<String> usedVolumes = new HashSet<>();
    rendered.path("services").properties().forEach(service -> {
      for (JsonNode mount : service.getValue().path("volumes")) {
        String[] parts = mount.asText().split(":");
        String source = parts[0];
        if (source.startsWith("/")) {
          Path path = Path.of(source).normalize();
          assertThat(path.startsWith(root)).as("%s mounts %s, a path of this repository", service.getKey(), path).isTrue();
          assertThat(path).as("%s mounts %s, which must exist", service.getKey(), root.relativize(path)).exists();
          assertThat(parts).as("%s mounts %s read-only", service.getKey(), source).endsWith("ro");
        } else {
          assertThat(namedVolumes).as("%s uses a declared named volume", service.getKey()).contains(source);
          usedVolumes.add(source);
        }
      }
    });
    assertThat(usedVolumes).isEqualTo(namedVolumes);
    assertThat(mountTargets("prometheus")).containsKeys("/etc/prometheus/prometheus.yml", "/etc/prometheus/rules");
    assertThat(mountTargets("grafana")).containsKey("/etc/grafana/provisioning");
    assertThat(mountTargets("meshwatch")).containsKey("/etc/meshwatch/meshwatch.yaml");
  }

  @Test
  void meshwatchConfigPassesMeshwatchsOwnValidationAndNamesTheComposeServices() throws Exception {
    JsonNode meshwatch = rendered.path("services").path("meshwatch");
    Map<String, String> env = new HashMap<>();
    meshwatch.path("environment").properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        env.put(e.getKey(), e.getValue().asText());
      }
    });
    Path file = Path.of(mountTargets("meshwatch").get("/etc/meshwatch/meshwatch.yaml"));
    ConfigLoader loader = new ConfigLoader(env);
    WorkerConfig config = loader.load(file);

    assertThat(config.temporal().target()).isEqualTo("temporal:7233");
    assertThat(SERVICES).contains(config.temporal().target().split(":")[0]);
    URI store = URI.create(config.store().url().substring("jdbc:".length()));
    assertThat(store.getHost()).isEqualTo("postgres");
    assertThat(store.getPath()).isEqualTo("/meshwatch");
    // The store's password is where the config says, and nothing else secret is needed to start.
    SecretSource password = config.secretSources().stream().filter(s -> s.path().equals("store.password")).findFirst().orElseThrow();
    assertThat(loader.availability(password).found()).isTrue();
    // Prometheus scrapes the port the worker serves on; it is the one published.
    assertThat(meshwatch.path("ports").findValuesAsText("target")).contains(String.valueOf(config.http().port()));
    // The specs it registers at start are mounted where the command looks.
    assertThat(texts(meshwatch.path("command"))).containsSubsequence("--config", "/etc/meshwatch/meshwatch.yaml")
        .containsSubsequence("--specs", "/etc/meshwatch/specs");
    assertThat(mountTargets("meshwatch")).containsKey("/etc/meshwatch/specs");
  }

  @Test
  void imageVersionsComeFromDotEnvAndAreNeverLatest() throws Exception {
    Map<String, String> dotEnv = new HashMap<>();
    for (String line : Files.readAllLines(compose.resolve(".env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        dotEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    JsonNode source = DeployFiles.yaml(compose.resolve("docker-compose.yml"));
    source.path("services").properties().forEach(service -> {
      String image = service.getValue().path("image").asText();
      Matcher variable = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(image);
      assertThat(variable.matches()).as("%s's image is one variable of .env, got %s", service.getKey(), image).isTrue();
      assertThat(dotEnv).as(service.getKey()).containsKey(variable.group(1));
    });
    rendered.path("services").properties().forEach(service -> {
      String image = service.getValue().path("image").asText();
      String tag = image.substring(image.lastIndexOf(':') + 1);
      assertThat(image).as(service.getKey()).contains(":");
      assertThat(tag).as("%s is pinned", service.getKey()).isNotBlank().isNotEqualTo("latest").matches(".*\\d.*");
    });
  }

  /** Grafana's provisioning (another part of the repository) reads what this file gives it. */
  @Test
  void grafanaProvisioningFindsItsDashboardsAndVariables() throws Exception {
    Map<String, String> mounts = mountTargets("grafana");
    String dashboardsTarget = mounts.entrySet().stream()
        .filter(e -> Path.of(e.getValue()).equals(root.resolve("grafana/dashboards"))).map(Map.Entry::getKey).findFirst().orElseThrow();
    Path providers = root.resolve("grafana/provisioning/dashboards/meshwatch.yaml");
    assertThat(providers).exists();
    for (JsonNode provider : DeployFiles.yaml(providers).path("providers")) {
      assertThat(provider.path("options").path("path").asText()).as("dashboard provider path").isEqualTo(dashboardsTarget);
    }
    Path datasources = root.resolve("grafana/provisioning/datasources/meshwatch.yaml");
    assertThat(datasources).exists();
    Set<String> given = names(rendered.path("services").path("grafana").path("environment"));
    // Values only: the file's comments explain the $VAR syntax and mention Grafana's own variables.
    String values = Files.readAllLines(datasources).stream().filter(line -> !line.strip().startsWith("#"))
        .collect(java.util.stream.Collectors.joining("\n"));
    Matcher m = ENV_REFERENCE.matcher(values);
    Set<String> referenced = new HashSet<>();
    while (m.find()) {
      referenced.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    assertThat(referenced).as("variables the datasources read").isNotEmpty();
    assertThat(given).as("grafana's environment in compose").containsAll(referenced);
  }

  /** Prometheus's config (another part of the repository) finds its rules where they are mounted and scrapes meshwatch. */
  @Test
  void prometheusConfigReadsTheMountedRulesAndScrapesMeshwatch() {
    JsonNode config = DeployFiles.yaml(root.resolve("deploy/prometheus/prometheus.yml"));
    assertThat(config.path("rule_files").size()).isPositive();
    for (JsonNode ruleFile : config.path("rule_files")) {
      String path = ruleFile.asText();
      // Relative rule paths are resolved against the config file's folder, /etc/prometheus.
      String absolute = path.startsWith("/") ? path : "/etc/prometheus/" + path;
      assertThat(absolute).as("rule file glob").startsWith("/etc/prometheus/rules/");
    }
    JsonNode job = null;
    for (JsonNode scrape : config.path("scrape_configs")) {
      if (scrape.path("job_name").asText().equals("meshwatch")) {
        job = scrape;
      }
    }
    assertThat(job).as("scrape job 'meshwatch'").isNotNull();
    List<String> targets = new java.util.ArrayList<>();
    for (JsonNode staticConfig : job.path("static_configs")) {
      targets.addAll(texts(staticConfig.path("targets")));
    }
    assertThat(targets).as("compose's meshwatch is meshwatch:8080").contains("meshwatch:8080");
  }

  private static Map<String, String> mountTargets(String service) {
    Map<String, String> targets = new HashMap<>();
    for (JsonNode mount : rendered.path("services").path(service).path("volumes")) {
      String[] parts = mount.asText().split(":");
      targets.put(parts[1], parts[0]);
    }
    return targets;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new java.util.ArrayList<>();
    if (array != null) {
      array.forEach(n -> texts.add(n.asText()));
    }
    return texts;
  }
}
