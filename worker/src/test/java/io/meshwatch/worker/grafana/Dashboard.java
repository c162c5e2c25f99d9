package io.meshwatch.worker.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One dashboard file of grafana/dashboards, as Grafana's file provider reads it. */
public record Dashboard(Path file, JsonNode json) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every {@code *.json} in {@code folder}, by file name; a file that does not parse fails with its name. */
  public static List<Dashboard> loadAll(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().map(Dashboard::load).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + folder, e);
    }
  }

  public static Dashboard load(Path file) {
    try {
      return new Dashboard(file, JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new IllegalStateException(file.getFileName() + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  public String uid() {
    return json.path("uid").asText();
  }

  public String title() {
    return json.path("title").asText();
  }

  /** Every panel, rows and the panels inside collapsed rows included. */
  public List<JsonNode> panels() {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  /** Panels that show data: every panel but rows. */
  public List<JsonNode> dataPanels() {
    return panels().stream().filter(p -> !"row".equals(p.path("type").asText())).toList();
  }

  public List<JsonNode> variables() {
    List<JsonNode> variables = new ArrayList<>();
    json.path("templating").path("list").forEach(variables::add);
    return variables;
  }

  /** Every query the dashboard sends: each panel's targets, then its query variables. */
  public List<DashboardQuery> queries() {
    List<DashboardQuery> queries = new ArrayList<>();
    for (JsonNode panel : dataPanels()) {
      for (JsonNode target : panel.path("targets")) {
        JsonNode datasource = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
        String text = target.has("rawSql") ? target.path("rawSql").asText() : target.path("expr").asText();
        queries.add(new DashboardQuery(this, panel.path("title").asText(), target.path("refId").asText(),
            datasource.path("type").asText(), datasource.path("uid").asText(), text, target.path("format").asText("time_series"), panel));
      }
    }
    for (JsonNode variable : variables()) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        JsonNode datasource = variable.path("datasource");
        queries.add(new DashboardQuery(this, "variable $" + variable.path("name").asText(), "",
            datasource.path("type").asText(), datasource.path("uid").asText(), text, "table", variable));
      }
    }
    return queries;
  }
}
