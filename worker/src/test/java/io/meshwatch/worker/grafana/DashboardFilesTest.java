package io.meshwatch.worker.grafana;

import static io.meshwatch.worker.grafana.DashboardQuery.POSTGRES_UID;
import static io.meshwatch.worker.grafana.DashboardQuery.PROMETHEUS_UID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwatch.worker.prometheus.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and their provisioning agree: every file parses and is the dashboard it should be,
 * panel ids are unique, and every panel, target and variable names a data source the provisioning
 * declares — by uid, never through an import placeholder that file provisioning would leave unresolved.
 */
class DashboardFilesTest {

  static final Path ROOT = RepoRoot.find();
  static final Map<String, String> EXPECTED = Map.of(
      "meshwatch-live", "Data products — live",
      "meshwatch-sla-review", "SLA quarterly review",
      "meshwatch-product", "Product detail",
      "meshwatch-health", "meshwatch health");
  static final Set<String> PROVISIONED = Set.of(PROMETHEUS_UID, POSTGRES_UID);
  static final Map<String, String> TYPE_OF_UID = Map.of(PROMETHEUS_UID, "prometheus", POSTGRES_UID, "postgres");
  final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  final List<Dashboard> dashboards = Dashboard.loadAll(ROOT.resolve("grafana/dashboards"));

  @Test
  void theFourDashboardsAreThereWithTheirUidsTitlesAndASchemaForGrafana10And11() {
    assertThat(dashboards).extracting(d -> d.file().getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet().stream().map(uid -> uid + ".json").toList());
    for (Dashboard d : dashboards) {
      String uid = d.file().getFileName().toString().replace(".json", "");
      assertThat(d.uid()).as(d.file().getFileName() + " uid").isEqualTo(uid);
      assertThat(d.title()).as(uid + " title").isEqualTo(EXPECTED.get(uid));
      assertThat(d.json().path("schemaVersion").asInt()).as(uid + " schemaVersion").isBetween(36, 41);
      assertThat(d.json().has("id")).as(uid + " carries no database id (Grafana assigns one)").isFalse();
      assertThat(d.dataPanels()).as(uid + " panels").isNotEmpty();
    }
  }

  @Test
  void panelIdsAreUniqueAndEveryPanelHasATitleAQueryAndAPlace() {
    for (Dashboard d : dashboards) {
      List<Integer> ids = d.panels().stream().map(p -> p.path("id").asInt(-1)).toList();
      assertThat(ids).as(d.uid() + " panel ids").doesNotHaveDuplicates().doesNotContain(-1);
      for (JsonNode panel : d.dataPanels()) {
        String where = d.uid() + " / " + panel.path("title").asText();
        assertThat(panel.path("title").asText()).as(d.uid() + " panel " + panel.path("id") + " title").isNotBlank();
        assertThat(panel.path("gridPos").path("w").asInt()).as(where + " width").isBetween(1, 24);
        assertThat(panel.path("targets")).as(where + " targets").isNotEmpty();
        List<String> refIds = new ArrayList<>();
        panel.path("targets").forEach(t -> refIds.add(t.path("refId").asText()));
        assertThat(refIds).as(where + " refIds").doesNotHaveDuplicates().allSatisfy(r -> assertThat(r).isNotBlank());
      }
      Set<String> titles = new HashSet<>();
      for (JsonNode panel : d.dataPanels()) {
        assertThat(titles.add(panel.path("title").asText())).as(d.uid() + " has two panels titled " + panel.path("title")).isTrue();
      }
    }
  }

  @Test
  void everyPanelTargetAndVariableNamesAProvisionedDataSourceByUid() throws IOException {
    for (Dashboard d : dashboards) {
      assertThat(Files.readString(d.file())).as(d.uid() + " has no import placeholders").doesNotContain("${DS_").doesNotContain("__inputs");
      for (JsonNode panel : d.dataPanels()) {
        String where = d.uid() + " / " + panel.path("title").asText();
        assertDatasource(where, panel.path("datasource"));
        for (JsonNode target : panel.path("targets")) {
          assertDatasource(where + " / " + target.path("refId").asText(), target.path("datasource"));
          assertThat(target.path("datasource")).as(where + " target and panel use one data source").isEqualTo(panel.path("datasource"));
          String query = target.has("rawSql") ? target.path("rawSql").asText() : target.path("expr").asText();
          assertThat(query).as(where + " query").isNotBlank();
          assertThat(target.has("rawSql")).as(where + ": SQL on PostgreSQL, PromQL on Prometheus")
              .isEqualTo(POSTGRES_UID.equals(target.path("datasource").path("uid").asText()));
        }
      }
      for (JsonNode variable : d.variables()) {
        if ("query".equals(variable.path("type").asText())) {
          assertDatasource(d.uid() + " / variable $" + variable.path("name").asText(), variable.path("datasource"));
        }
      }
    }
  }

  @Test
  void theDataSourceProvisioningDeclaresExactlyTheUidsTheDashboardsUse() throws IOException {
    JsonNode provisioning = yaml.readTree(ROOT.resolve("grafana/provisioning/datasources/meshwatch.yaml").toFile());
    assertThat(provisioning.path("apiVersion").asInt()).isEqualTo(1);
    Map<String, String> declared = new java.util.HashMap<>();
    provisioning.path("datasources").forEach(ds -> declared.put(ds.path("uid").asText(), ds.path("type").asText()));
    assertThat(declared).isEqualTo(TYPE_OF_UID);
    Set<String> used = dashboards.stream().flatMap(d -> d.queries().stream()).map(DashboardQuery::datasourceUid)
        .collect(Collectors.toSet());
    assertThat(used).isEqualTo(declared.keySet());
    // Connection details come from the environment, never from the file.
    for (JsonNode ds : provisioning.path("datasources")) {
      assertThat(ds.path("url").asText()).as(ds.path("uid") + " url").matches("\\$\\{?MESHWATCH_\\w+}?");
    }
    JsonNode postgres = findByUid(provisioning, POSTGRES_UID);
    assertThat(postgres.path("user").asText()).startsWith("${MESHWATCH_");
    assertThat(postgres.path("jsonData").path("database").asText()).startsWith("${MESHWATCH_");
    assertThat(postgres.path("secureJsonData").path("password").asText()).startsWith("${MESHWATCH_");
    assertThat(postgres.has("password")).as("a password only in secureJsonData").isFalse();
  }

  @Test
  void theDashboardProviderLoadsTheFolderIntoMeshwatch() throws IOException {
    JsonNode provisioning = yaml.readTree(ROOT.resolve("grafana/provisioning/dashboards/meshwatch.yaml").toFile());
    assertThat(provisioning.path("providers")).hasSize(1);
    JsonNode provider = provisioning.path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("folder").asText()).isEqualTo("meshwatch");
    String path = provider.path("options").path("path").asText();
    assertThat(path).startsWith("/");
    // The documented mount point: the deploy step mounts grafana/dashboards exactly there.
    assertThat(Files.readString(ROOT.resolve("grafana/README.md"))).contains(path);
  }

  private static JsonNode findByUid(JsonNode provisioning, String uid) {
    for (JsonNode ds : provisioning.path("datasources")) {
      if (uid.equals(ds.path("uid").asText())) {
        return ds;
      }
    }
    throw new AssertionError("no data source " + uid);
  }

  private static void assertDatasource(String where, JsonNode datasource) {
    assertThat(datasource.isObject()).as(where + " datasource is {type, uid}, got " + datasource).isTrue();
    String uid = datasource.path("uid").asText();
    assertThat(PROVISIONED).as(where + " datasource uid").contains(uid);
    assertThat(datasource.path("type").asText()).as(where + " datasource type").isEqualTo(TYPE_OF_UID.get(uid));
  }
}
