package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.governance.Governance;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document describes exactly the routes the server has — every route group the worker
 * wires, Slack interactivity included — with the same methods and path templates, and is a
 * well-formed OpenAPI 3.1 document: every reference resolves, every path parameter is declared,
 * every operation answers something, and problems are application/problem+json.
 */
class OpenApiDocumentTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  static IncidentApiFixture fixture;
  static HttpApi server;

  @BeforeAll
  static void serveEveryGroup() throws Exception {
    fixture = new IncidentApiFixture(STORE.database());
    CommandAuth auth = new CommandAuth(ApiTokens.of(Map.of("ci", "ci-token-5f1e0c8a9b7d4e21")));
    ConfigLoader loader = new ConfigLoader(Map.of("SLACK_SIGNING_SECRET", "8f742231b10e8888abcd99yyyzzz85a5"));
    List<RouteGroup> groups = new ArrayList<>();
    groups.add(fixture.products(auth, Governance.none()));
    groups.addAll(IncidentRoutes.fromConfig(loader.defaults(), loader, STORE.database().incidents(), fixture.client, Clock.systemUTC(), auth));
    groups.add(new ScoreApi(STORE.database().scores()));
    server = fixture.serve(auth, groups.toArray(RouteGroup[]::new));
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  static JsonNode document() throws Exception {
    HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, OpenApiDocument.PATH)).GET().build());
    assertThat(response.statusCode()).as("served without a token: it holds no data").isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void everyRoutedEndpointIsDocumentedAndEveryDocumentedOneIsRouted() throws Exception {
    Set<String> routed = new TreeSet<>();
    server.routes().forEach(route -> routed.add(route.method().toUpperCase(Locale.ROOT) + " " + route.path()));
    Set<String> documented = new TreeSet<>();
    document().get("paths").properties().forEach(path -> path.getValue().properties().stream()
        .filter(op -> METHODS.contains(op.getKey()))
        .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(routed).contains("PUT /api/products", "DELETE /api/products/{domain}/{name}", "POST /slack/interactions",
        "GET /api/openapi.json", "POST /api/incidents/{domain}/{name}/{opened}/acknowledge");
    assertThat(documented).containsExactlyElementsOf(routed);
  }

  @Test
  void theDocumentIsWellFormedOpenApi31() throws Exception {
    JsonNode doc = document();

    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.get("info").get("title").asText()).isNotBlank();
    assertThat(doc.get("info").get("version").asText()).isNotBlank();
    assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asText()).isEqualTo("bearer");
    assertThat(doc.get("components").get("securitySchemes").get("bearer").get("type").asText()).isEqualTo("http");

    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("local reference").startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
    }

    Set<String> operationIds = new HashSet<>();
    Pattern template = Pattern.compile("\\{([^}]+)}");
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      Set<String> templated = new TreeSet<>();
      Matcher m = template.matcher(path.getKey());
      while (m.find()) {
        templated.add(m.group(1));
      }
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        String where = op.getKey() + " " + path.getKey();
        JsonNode operation = op.getValue();
        assertThat(operationIds.add(operation.get("operationId").asText())).as(where + ": operationId unique").isTrue();
        assertThat(operation.get("responses").size()).as(where + ": responses").isPositive();
        Set<String> declared = new TreeSet<>();
        for (JsonNode parameters : List.of(path.getValue().path("parameters"), operation.path("parameters"))) {
          for (JsonNode parameter : parameters) {
            JsonNode p = parameter.has("$ref") ? doc.at(parameter.get("$ref").asText().substring(1)) : parameter;
            assertThat(p.get("in").asText()).as(where + ": parameter location").isIn("path", "query", "header");
            if (p.get("in").asText().equals("path")) {
              assertThat(p.get("required").asBoolean()).as(where + ": path parameters are required").isTrue();
              declared.add(p.get("name").asText());
            }
          }
        }
        assertThat(declared).as(where + ": path parameters").isEqualTo(templated);
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.get("responses").fields(); responses.hasNext(); ) {
          Map.Entry<String, JsonNode> response = responses.next();
          assertThat(response.getKey()).as(where + ": status").matches("[1-5][0-9][0-9]");
          JsonNode resolved = response.getValue().has("$ref") ? doc.at(response.getValue().get("$ref").asText().substring(1)) : response.getValue();
          assertThat(resolved.get("description").asText()).as(where + " " + response.getKey() + ": description").isNotBlank();
          if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
            if (!path.getKey().equals("/slack/interactions") || resolved.has("content")) {
              assertThat(resolved.get("content").has("application/problem+json")).as(where + " " + response.getKey()).isTrue();
            }
          }
        }
      }
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("$ref")) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
