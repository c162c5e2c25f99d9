package io.meshwatch.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s as the cluster would receive it: each overlay rendered by {@code kubectl kustomize}
 * (no cluster needed) and read back, object by object.
 */
class DeployKustomizeTest {

  @TempDir
  Path tmp;

  private static List<ObjectNode> render(String overlay) {
    String out = DeployFiles.succeed(DeployFiles.root(), List.of("kubectl", "kustomize", "--load-restrictor", "LoadRestrictionsNone",
        "deploy/k8s/overlays/" + overlay));
    return DeployFiles.documents(out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void overlayRendersTheWorkerWithItsConfigSecretsProbesAndLimits(String overlay) throws Exception {
    List<ObjectNode> docs = render(overlay);
    boolean production = overlay.equals("production");
    Set<String> kinds = docs.stream().map(d -> d.path("kind").asText()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(kinds).containsAll(List.of("ServiceAccount", "ConfigMap", "Service", "Deployment"));
    // The ServiceMonitor needs the Prometheus Operator's CRD: only where the monitoring component is on.
    assertThat(kinds.contains("ServiceMonitor")).isEqualTo(production);
    String namespace = production ? "meshwatch" : "meshwatch-dev";
    docs.forEach(d -> assertThat(d.path("metadata").path("namespace").asText()).as(d.path("kind").asText()).isEqualTo(namespace));

    JsonNode deployment = only(docs, "Deployment");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(production ? 2 : 1);
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("image").asText())
        .isEqualTo(production ? "registry.example.com/data-platform/meshwatch:0.1.0" : "meshwatch:0.1.0-SNAPSHOT");

    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(container.path(probe).path("httpGet").path("path").asText()).as(probe).isEqualTo("/health");
      assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("http");
    }
    assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
    assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
    assertThat(container.path("resources").path("limits").path("memory").asText())
        .isEqualTo(container.path("resources").path("requests").path("memory").asText());

    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(65532);
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.path("securityContext").path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
    // A read-only root needs a writable /tmp (HOME, the drivers' native libraries).
    assertThat(mountPaths(container)).containsEntry("tmp", "/tmp").containsEntry("config", "/etc/meshwatch");
    assertThat(volume(pod, "tmp").has("emptyDir")).isTrue();
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(only(docs, "ServiceAccount").path("metadata").path("name").asText());

    // The config: the generated ConfigMap, by its hashed name, read from where the command looks.
    String configMapName = volume(pod, "config").path("configMap").path("name").asText();
    assertThat(configMapName).matches("meshwatch-config-[a-z0-9]{10}");
    JsonNode configMap = byName(docs, "ConfigMap", configMapName);
    assertThat(texts(container.path("args"))).containsExactly("worker", "--config", "/etc/meshwatch/meshwatch.yaml");

    // The secrets: generated (hashed name) in dev; created out of band, by fixed name, in production.
    String secretName = container.path("envFrom").get(0).path("secretRef").path("name").asText();
    Map<String, String> env = new HashMap<>();
    if (production) {
      assertThat(secretName).isEqualTo("meshwatch-secrets");
      assertThat(kinds).doesNotContain("Secret");
      env.put("MESHWATCH_STORE_PASSWORD", "created out of band");
    } else {
      assertThat(secretName).matches("meshwatch-secrets-[a-z0-9]{10}");
      byName(docs, "Secret", secretName).path("data").properties()
          .forEach(e -> env.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
    }
    Path file = tmp.resolve("meshwatch.yaml");
    Files.writeString(file, configMap.path("data").path("meshwatch.yaml").asText());
    WorkerConfig config = new ConfigLoader(env).load(file);
    assertThat(config.temporal().embedded()).isFalse();
    assertThat(config.store().embedded()).isFalse();
    assertThat(config.http().port()).isEqualTo(8080);

    JsonNode service = only(docs, "Service");
    assertThat(service.path("spec").path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(labels(deployment.path("spec").path("template"))).containsAllEntriesOf(fields(service.path("spec").path("selector")));
    if (production) {
      JsonNode monitor = only(docs, "ServiceMonitor");
      assertThat(labels(service)).containsAllEntriesOf(fields(monitor.path("spec").path("selector").path("matchLabels")));
      assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("http");
      assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/metrics");
      assertThat(only(docs, "PodDisruptionBudget").path("spec").path("minAvailable").asInt()).isEqualTo(1);
    }
  }

  /** Every dashboard of grafana/dashboards, as it is, in a ConfigMap that Grafana's sidecar picks up. */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void everyDashboardIsAConfigMapForGrafanasSidecar(String overlay) throws IOException {
    Map<String, String> shipped = new HashMap<>();
    for (ObjectNode doc : render(overlay)) {
      if (doc.path("kind").asText().equals("ConfigMap") && doc.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1")) {
        assertThat(doc.path("metadata").path("name").asText()).as("no hash suffix: a rename would leave the old one").startsWith("meshwatch-dashboard-")
            .doesNotMatch(".*-[a-z0-9]{10}");
        doc.path("data").properties().forEach(e -> shipped.put(e.getKey(), e.getValue().asText()));
      }
    }
    Path dashboards = DeployFiles.root().resolve("grafana/dashboards");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dashboards)) {
      list.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    assertThat(shipped.keySet()).containsExactlyInAnyOrderElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
    for (Path f : files) {
      assertThat(shipped.get(f.getFileName().toString())).as(f.getFileName().toString()).isEqualTo(Files.readString(f));
    }
  }

  private static JsonNode only(List<ObjectNode> docs, String kind) {
    List<ObjectNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static JsonNode byName(List<ObjectNode> docs, String kind, String name) {
    return docs.stream().filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the rendered overlay"));
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode v : pod.path("volumes")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static Map<String, String> mountPaths(JsonNode container) {
    Map<String, String> mounts = new HashMap<>();
    container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
    return mounts;
  }

  private static Map<String, String> labels(JsonNode object) {
    return fields(object.path("metadata").path("labels"));
  }

  private static Map<String, String> fields(JsonNode object) {
    Map<String, String> map = new HashMap<>();
    object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    assertThat(map).as("a non-empty label set").isNotEmpty();
    return map;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
