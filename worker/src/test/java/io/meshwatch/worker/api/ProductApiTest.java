package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import io.meshwatch.worker.governance.Governance;
import io.meshwatch.worker.governance.Policy;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.monitor.EvaluateNow;
import io.meshwatch.workflows.monitor.RetireRequest;
import io.meshwatch.workflows.monitor.SpecUpdate;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The product endpoints against a real HTTP server, the real registrar, embedded PostgreSQL and Temporal's test environment. */
class ProductApiTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ObjectMapper JSON = new ObjectMapper();
  static final ProductId ORDERS = new ProductId("orders", "orders-daily");
  static final String PLATFORM = "platform-token-5f1e0c8a9b7d4e21";
  static final String OWNER = "orders-owner-token-0a1b2c3d4e";
  static final String VIEWER = "viewer-token-9f8e7d6c5b4a3210";

  static IncidentApiFixture fixture;
  HttpApi open;
  HttpApi guarded;

  @BeforeAll
  static void startTemporal() {
    fixture = new IncidentApiFixture(STORE.database());
  }

  @AfterAll
  static void stopTemporal() {
    fixture.close();
  }

  @BeforeEach
  void startServers() {
    // The store is emptied before each test; the monitors of earlier tests are retired so ids start afresh.
    for (String id : List.copyOf(RecordingMonitorWorkflow.STARTS.keySet())) {
      try {
        fixture.client.newWorkflowStub(io.meshwatch.workflows.monitor.ProductMonitorWorkflow.class, id).retire(new RetireRequest("test"));
      } catch (io.temporal.client.WorkflowException ended) {
        // already ended
      }
    }
    RecordingMonitorWorkflow.forget();
    CommandAuth none = new CommandAuth(ApiTokens.none());
    open = fixture.serve(none, fixture.products(none, Governance.none()));
    CommandAuth roles = new CommandAuth(ApiTokens.of(Map.of("platform-ci", PLATFORM, "orders-team", OWNER, "dashboards", VIEWER),
        Map.of("platform-ci", new ApiRole.Platform(), "orders-team", new ApiRole.Owner(Set.of("orders")),
            "dashboards", new ApiRole.Viewer())));
    guarded = fixture.serve(roles, fixture.products(roles, Governance.none()));
  }

  @AfterEach
  void stopServers() {
    open.close();
    guarded.close();
  }

  static String reference() throws Exception {
    try (var in = ProductApiTest.class.getResourceAsStream("/specs/reference/orders-daily.seed.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String resource(String path) throws Exception {
    try (var in = ProductApiTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The reference spec with customer_id's type changed: a breaking change. */
  static String breaking() throws Exception {
    return reference().replace("    - name: customer_id\n      type: string", "    - name: customer_id\n      type: bigint");
  }

  static String payments() throws Exception {
    return reference().replace("name: orders-daily", "name: payments-settled").replace("domain: orders", "domain: payments")
        .replace("owner: orders-platform-team", "owner: payments-team");
  }

  HttpResponse<String> send(HttpApi server, String method, String path, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(IncidentApiFixture.uri(server, path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return fixture.send(request.build());
  }

  HttpResponse<String> apply(HttpApi server, String yaml, String... headers) throws Exception {
    return send(server, "PUT", "/api/products", "application/yaml", yaml, headers);
  }

  HttpResponse<String> get(HttpApi server, String path, String... headers) throws Exception {
    return send(server, "GET", path, null, null, headers);
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  /** Every error response is a problem document and tells nothing of the worker's insides. */
  static void assertProblem(HttpResponse<String> response, int status, String title) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isEqualTo(title);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.meshwatch");
  }

  @Test
  void applyCreatesThenLeavesTheSameContentUnchangedThenUpdatesAndKeepsOneMonitor() throws Exception {
    HttpResponse<String> created = apply(open, reference(), ProductApi.ACTOR_HEADER, "alice");
    HttpResponse<String> again = apply(open, reference());
    // The same content as JSON, in another key order: the same spec, so unchanged as well.
    Map<?, ?> tree = new ObjectMapper(new YAMLFactory()).readValue(reference(), Map.class);
    HttpResponse<String> asJson = send(open, "PUT", "/api/products", "application/json", JSON.writeValueAsString(tree));
    HttpResponse<String> updated = apply(open, breaking(), ProductApi.ACTOR_HEADER, "bob");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(json(created).get("product").asText()).isEqualTo("orders/orders-daily");
    assertThat(json(created).get("version").asLong()).isEqualTo(1);
    assertThat(json(created).get("outcome").asText()).isEqualTo("created");
    assertThat(json(again).get("outcome").asText()).isEqualTo("unchanged");
    assertThat(json(again).get("version").asLong()).isEqualTo(1);
    assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(200);
    assertThat(json(asJson).get("outcome").asText()).isEqualTo("unchanged");
    assertThat(json(updated).get("outcome").asText()).isEqualTo("updated");
    assertThat(json(updated).get("version").asLong()).isEqualTo(2);

    JsonNode versions = json(get(open, "/api/products/orders/orders-daily/versions"));
    assertThat(versions).extracting(v -> v.get("version").asLong()).containsExactly(1L, 2L);
    assertThat(versions).extracting(v -> v.get("appliedBy").asText()).containsExactly("alice", "bob");
    assertThat(versions).extracting(v -> v.get("current").asBoolean()).containsExactly(false, true);
    assertThat(versions.get(0).get("sha256").asText()).hasSize(64).isNotEqualTo(versions.get(1).get("sha256").asText());
    assertThat(versions.get(0).get("appliedAt").asText()).isNotBlank();
    assertThat(RecordingMonitorWorkflow.starts(ORDERS.workflowId())).isEqualTo(1);
    awaitSpecVersion(ORDERS, 2);
  }

  @Test
  void aDryRunShowsTheBreakingChangesAndTheirConsumersAndStoresNothing() throws Exception {
    HttpResponse<String> newProduct = send(open, "PUT", "/api/products?dry_run=true", "application/yaml", reference());
    assertThat(json(newProduct).get("outcome").asText()).isEqualTo("created");
    assertThat(json(newProduct).get("dryRun").asBoolean()).isTrue();
    assertThat(json(newProduct).get("diff").isNull()).isTrue();
    assertThat(STORE.database().registry().find(ORDERS)).as("a dry run stores nothing").isEmpty();
    assertThat(RecordingMonitorWorkflow.starts(ORDERS.workflowId())).isZero();

    apply(open, reference());
    HttpResponse<String> plan = send(open, "PUT", "/api/products?dry_run=true", "application/yaml", breaking());
    HttpResponse<String> same = send(open, "PUT", "/api/products?dry_run=true", "application/yaml", reference());

    assertThat(plan.statusCode()).isEqualTo(200);
    JsonNode body = json(plan);
    assertThat(body.get("outcome").asText()).isEqualTo("updated");
    assertThat(body.get("version").asLong()).isEqualTo(2);
    assertThat(body.get("diff").get("hasBreaking").asBoolean()).isTrue();
    assertThat(body.get("diff").get("changes")).singleElement().satisfies(change -> {
      assertThat(change.get("path").asText()).isEqualTo("spec.schema[customer_id].type");
      assertThat(change.get("kind").asText()).isEqualTo("COLUMN_TYPE_CHANGED");
      assertThat(change.get("impact").asText()).isEqualTo("BREAKING");
      assertThat(change.get("before").asText()).isEqualTo("string");
      assertThat(change.get("after").asText()).isEqualTo("bigint");
    });
    assertThat(body.get("diff").get("affectedConsumers")).extracting(c -> c.get("team").asText()).containsExactly("finance", "ml-platform");
    assertThat(json(same).get("outcome").asText()).isEqualTo("unchanged");
    assertThat(json(same).get("diff").get("changes")).isEmpty();
    assertThat(STORE.database().registry().versions(ORDERS)).hasSize(1);
  }

  @Test
  void anOdcsContractIsAppliedLikeASpec() throws Exception {
    HttpResponse<String> response = apply(open, resource("/specs/odcs/orders-daily.odcs.yaml"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("outcome").asText()).isEqualTo("created");
    assertThat(json(response).get("warnings").isArray()).isTrue();
  }

  @Test
  void anInvalidSpecIs422WithEveryErrorAndItsPath() throws Exception {
    HttpResponse<String> response = apply(open, reference().replace("completeness_threshold: 0.999", "completeness_threshold: 1.5")
        .replace("steward: jane.smith@company.com", "steward: not-an-email"));

    assertProblem(response, 422, "invalid spec");
    JsonNode errors = json(response).get("errors");
    assertThat(errors).extracting(e -> e.get("path").asText())
        .containsExactly("metadata.steward", "spec.quality.completeness_threshold");
    assertThat(errors.get(1).get("message").asText()).contains("1.5");
    assertThat(errors.get(1).get("line").asInt()).isPositive();
    assertThat(STORE.database().registry().find(ORDERS)).isEmpty();
  }

  @Test
  void malformedYamlAndJsonAre400NamingTheLine() throws Exception {
    HttpResponse<String> yaml = apply(open, "apiVersion: dataproduct/v1\nkind: DataProduct\nmetadata:\n  name: [orders\n");
    HttpResponse<String> json = send(open, "PUT", "/api/products", "application/json", "{\n  \"apiVersion\": \"dataproduct/v1\",\n  \"kind\": }\n");
    HttpResponse<String> duplicate = send(open, "PUT", "/api/products", "application/json", "{\"kind\": \"a\",\n\"kind\": \"b\"}");

    assertProblem(yaml, 400, "malformed YAML");
    assertThat(json(yaml).get("detail").asText()).startsWith("line ").contains("not valid YAML");
    assertThat(json(yaml).get("errors").get(0).get("line").asInt()).isPositive();
    assertProblem(json, 400, "malformed JSON");
    assertThat(json(json).get("detail").asText()).contains("(line 3, column");
    assertThat(json(json).get("errors").get(0).get("line").asInt()).isEqualTo(3);
    assertProblem(duplicate, 400, "malformed JSON");
    assertThat(json(duplicate).get("detail").asText()).contains("Duplicate field 'kind'").contains("line 2");
  }

  @Test
  void otherBodiesMethodsAndUnknownProductsAreProblems() throws Exception {
    HttpResponse<String> form = send(open, "PUT", "/api/products", "application/x-www-form-urlencoded", "a=b");
    HttpResponse<String> empty = send(open, "PUT", "/api/products", "application/yaml", "");
    HttpResponse<String> oversized = apply(open, "# " + "x".repeat((int) HttpApi.MAX_REQUEST_BYTES) + "\n");
    HttpResponse<String> wrongMethod = send(open, "PATCH", "/api/products/orders/orders-daily", "application/json", "{}");
    HttpResponse<String> badDryRun = send(open, "PUT", "/api/products?dry_run=maybe", "application/yaml", reference());
    HttpResponse<String> badStatus = get(open, "/api/products?status=sleepy");
    HttpResponse<String> badId = get(open, "/api/products/Orders/orders-daily");

    assertProblem(form, 415, "unsupported media type");
    assertProblem(empty, 400, "empty body");
    assertProblem(oversized, 413, "request too large");
    assertThat(json(oversized).get("detail").asText()).isEqualTo("the body is larger than the limit of 1048576 bytes (1 MiB)");
    assertProblem(wrongMethod, 405, "method not allowed");
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET, DELETE");
    assertProblem(badDryRun, 400, "bad query");
    assertProblem(badStatus, 400, "bad query");
    assertThat(json(badStatus).get("detail").asText()).startsWith("status: must be one of [LATE, FAILING");
    assertProblem(badId, 400, "bad product id");
    for (String[] call : new String[][] {{"GET", "/api/products/orders/nothing"}, {"DELETE", "/api/products/orders/nothing"},
        {"GET", "/api/products/orders/nothing/versions"}, {"POST", "/api/products/orders/nothing/evaluate"}}) {
      HttpResponse<String> unknown = send(open, call[0], call[1], null, null);
      assertProblem(unknown, 404, "product not found");
      assertThat(json(unknown).get("detail").asText()).isEqualTo("no product orders/nothing is registered");
    }
    assertProblem(get(open, "/api/nowhere"), 404, "not found");
  }

  @Test
  void aPolicyViolationIs422NamingEachPolicy() throws Exception {
    Governance governance = new Governance(List.of(new Policy.StewardRequired(), new Policy.AvailabilityTargetFloor(0.9999)));
    CommandAuth none = new CommandAuth(ApiTokens.none());
    try (HttpApi governed = fixture.serve(none, fixture.products(none, governance))) {
      String text = reference().replace("  steward: jane.smith@company.com\n", "");
      HttpResponse<String> refused = apply(governed, text);
      HttpResponse<String> dryRun = send(governed, "PUT", "/api/products?dry_run=true", "application/yaml", text);

      assertProblem(refused, 422, "policy violation");
      assertThat(json(refused).get("errors")).extracting(e -> e.get("policy").asText())
          .containsExactly("steward-required", "availability-target-floor");
      assertThat(json(refused).get("errors").get(0).get("path").asText()).isEqualTo("metadata.steward");
      assertThat(json(refused).get("detail").asText()).contains("steward-required, availability-target-floor");
      assertProblem(dryRun, 422, "policy violation");
      assertThat(STORE.database().registry().find(ORDERS)).isEmpty();
    }
  }

  @Test
  void aDeltaLocationOutsideItsConnectionsAllowedRootsIsRefusedAtRegistration() throws Exception {
    // What the worker puts in force for a config whose Delta connection lists allowed_roots.
    Governance governance = new Governance(List.of(Policy.DeltaAllowedRoots.of(Map.of(
        "lake", new DeltaRoots(List.of("s3://data-platform/products/payments")))).orElseThrow()));
    CommandAuth none = new CommandAuth(ApiTokens.none());
    try (HttpApi governed = fixture.serve(none, fixture.products(none, governance))) {
      String outside = reference().replace("    format: delta\n", "    format: delta\n    connection: lake\n");
      String unnamed = reference();
      HttpResponse<String> refused = apply(governed, outside);
      HttpResponse<String> noConnection = apply(governed, unnamed);

      assertProblem(refused, 422, "policy violation");
      JsonNode error = json(refused).get("errors").get(0);
      assertThat(error.get("policy").asText()).isEqualTo("delta-allowed-roots");
      assertThat(error.get("path").asText()).isEqualTo("spec.output.location");
      assertThat(json(refused).get("errors").toString())
          .contains("'s3://data-platform/products/orders/orders_daily/' is not under an allowed root of warehouse connection 'lake'");
      assertProblem(noConnection, 422, "policy violation");
      assertThat(json(noConnection).get("errors").get(0).get("path").asText()).isEqualTo("spec.output.connection");
      assertThat(STORE.database().registry().find(ORDERS)).isEmpty();

      String inside = outside.replace("s3://data-platform/products/orders/orders_daily/", "s3://data-platform/products/payments/orders_daily/");
      assertThat(apply(governed, inside).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void productsAreListedWithFiltersAndReadOneByOne() throws Exception {
    apply(open, reference());
    apply(open, payments());

    assertThat(json(get(open, "/api/products"))).extracting(p -> p.get("id").asText())
        .containsExactly("orders/orders-daily", "payments/payments-settled");
    assertThat(json(get(open, "/api/products?domain=payments"))).extracting(p -> p.get("id").asText())
        .containsExactly("payments/payments-settled");
    assertThat(json(get(open, "/api/products?owner=orders-platform-team"))).extracting(p -> p.get("id").asText())
        .containsExactly("orders/orders-daily");
    awaitSpecVersion(ORDERS, 1);
    assertThat(json(get(open, "/api/products?status=healthy"))).hasSize(2);
    assertThat(json(get(open, "/api/products?status=LATE"))).isEmpty();

    JsonNode detail = json(get(open, "/api/products/orders/orders-daily"));
    assertThat(detail.get("state").asText()).isEqualTo("HEALTHY");
    assertThat(detail.get("active").asBoolean()).isTrue();
    assertThat(detail.get("spec").get("owner").asText()).isEqualTo("orders-platform-team");
    assertThat(detail.get("storedResults").isArray()).isTrue();
    assertThat(detail.has("results")).isTrue();
  }

  @Test
  void retiringStopsTheMonitorKeepsHistoryAndIsHarmlessTwice() throws Exception {
    apply(open, reference());

    HttpResponse<String> retired = send(open, "DELETE", "/api/products/orders/orders-daily", null, null, ProductApi.ACTOR_HEADER, "carol");
    HttpResponse<String> again = send(open, "DELETE", "/api/products/orders/orders-daily", null, null);
    HttpResponse<String> evaluate = send(open, "POST", "/api/products/orders/orders-daily/evaluate", null, null);

    assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    assertThat(json(retired).get("outcome").asText()).isEqualTo("retired");
    assertThat(json(retired).get("retiredBy").asText()).isEqualTo("carol");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("outcome").asText()).isEqualTo("already retired");
    assertThat(json(again).get("retiredBy").asText()).isEqualTo("carol");
    assertThat(RecordingMonitorWorkflow.signals(ORDERS.workflowId())).contains(new RetireRequest("carol"));
    assertThat(json(get(open, "/api/products"))).isEmpty();
    JsonNode detail = json(get(open, "/api/products/orders/orders-daily"));
    assertThat(detail.get("active").asBoolean()).isFalse();
    assertThat(detail.get("retiredBy").asText()).isEqualTo("carol");
    assertThat(json(get(open, "/api/products/orders/orders-daily/versions"))).hasSize(1);
    assertProblem(evaluate, 409, "product retired");
  }

  @Test
  void evaluateSignalsTheMonitor() throws Exception {
    apply(open, reference());

    HttpResponse<String> response = send(open, "POST", "/api/products/orders/orders-daily/evaluate", null, null,
        ProductApi.ACTOR_HEADER, "dave");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(json(response).get("status").asText()).isEqualTo("accepted");
    assertThat(response.headers().firstValue("Location")).contains("/api/products/orders/orders-daily");
    awaitSignal(ORDERS, new EvaluateNow("dave"));
  }

  @Test
  void eachRoleDoesWhatItMayAndIsToldWhatItMayNot() throws Exception {
    HttpResponse<String> anonymous = get(guarded, "/api/products");
    HttpResponse<String> viewerApplies = apply(guarded, reference(), "Authorization", bearer(VIEWER));
    HttpResponse<String> ownerApplies = apply(guarded, reference(), "Authorization", bearer(OWNER));
    HttpResponse<String> viewerDryRun = send(guarded, "PUT", "/api/products?dry_run=true", "application/yaml", reference(),
        "Authorization", bearer(VIEWER));
    HttpResponse<String> platformApplies = apply(guarded, reference(), "Authorization", bearer(PLATFORM));
    apply(guarded, payments(), "Authorization", bearer(PLATFORM));
    HttpResponse<String> viewerReads = get(guarded, "/api/products/orders/orders-daily", "Authorization", bearer(VIEWER));
    HttpResponse<String> ownerEvaluatesOwn = send(guarded, "POST", "/api/products/orders/orders-daily/evaluate", null, null,
        "Authorization", bearer(OWNER));
    HttpResponse<String> ownerEvaluatesOther = send(guarded, "POST", "/api/products/payments/payments-settled/evaluate", null, null,
        "Authorization", bearer(OWNER));
    HttpResponse<String> ownerRetires = send(guarded, "DELETE", "/api/products/orders/orders-daily", null, null,
        "Authorization", bearer(OWNER));
    HttpResponse<String> viewerEvaluates = send(guarded, "POST", "/api/products/orders/orders-daily/evaluate", null, null,
        "Authorization", bearer(VIEWER));
    HttpResponse<String> platformRetires = send(guarded, "DELETE", "/api/products/payments/payments-settled", null, null,
        "Authorization", bearer(PLATFORM));

    assertProblem(anonymous, 401, "token required");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"meshwatch\"");
    assertProblem(viewerApplies, 403, "forbidden");
    assertThat(json(viewerApplies).get("detail").asText()).isEqualTo("role viewer cannot apply products (token dashboards)");
    assertProblem(ownerApplies, 403, "forbidden");
    assertThat(json(ownerApplies).get("detail").asText()).isEqualTo("role owner (of orders) cannot apply products (token orders-team)");
    assertThat(viewerDryRun.statusCode()).as("a dry run only reads").isEqualTo(200);
    assertThat(json(platformApplies).get("outcome").asText()).isEqualTo("created");
    assertThat(STORE.database().registry().versions(ORDERS)).singleElement()
        .satisfies(v -> assertThat(v.appliedBy()).isEqualTo("platform-ci"));
    assertThat(viewerReads.statusCode()).isEqualTo(200);
    assertThat(ownerEvaluatesOwn.statusCode()).as(ownerEvaluatesOwn.body()).isEqualTo(202);
    awaitSignal(ORDERS, new EvaluateNow("orders-team"));
    assertProblem(ownerEvaluatesOther, 403, "forbidden");
    assertThat(json(ownerEvaluatesOther).get("detail").asText())
        .isEqualTo("role owner (of orders) cannot evaluate products of domain payments (token orders-team)");
    assertProblem(ownerRetires, 403, "forbidden");
    assertProblem(viewerEvaluates, 403, "forbidden");
    assertThat(platformRetires.statusCode()).isEqualTo(200);
    assertThat(json(platformRetires).get("retiredBy").asText()).isEqualTo("platform-ci");
    assertThat(STORE.database().registry().find(ORDERS).orElseThrow().active()).isTrue();
  }

  @Test
  void concurrentAppliesOfOneSpecMakeOneVersionAndOneMonitor() throws Exception {
    List<JsonNode> answers = parallel(8, i -> apply(open, reference()));

    assertThat(answers).extracting(a -> a.get("outcome").asText()).containsOnly("created", "unchanged")
        .filteredOn("created"::equals).hasSize(1);
    assertThat(answers).extracting(a -> a.get("version").asLong()).containsOnly(1L);
    assertThat(STORE.database().registry().versions(ORDERS)).hasSize(1);
    assertThat(RecordingMonitorWorkflow.starts(ORDERS.workflowId())).isEqualTo(1);
  }

  @Test
  void concurrentAppliesOfTwoSpecsNeverDuplicateAVersionNorAMonitor() throws Exception {
    String a = reference();
    String b = breaking();
    List<JsonNode> answers = parallel(8, i -> apply(open, i % 2 == 0 ? a : b));
    List<JsonNode> products = parallel(8, i -> apply(open, i % 2 == 0 ? payments() : payments().replace("payments-settled", "refunds")));

    var versions = STORE.database().registry().versions(ORDERS);
    assertThat(versions).extracting(v -> v.version()).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, versions.size()).boxed().toList());
    assertThat(versions.size()).isBetween(2, 8);
    for (int i = 1; i < versions.size(); i++) {
      assertThat(versions.get(i).sha256()).as("a version repeats the content of the one before it").isNotEqualTo(versions.get(i - 1).sha256());
    }
    // Each content becomes a version only when it replaces the other: the two contents alternate, never repeat in a row.
    assertThat(Set.copyOf(versions.stream().map(v -> v.sha256()).toList())).hasSize(2);
    assertThat(answers).extracting(x -> x.get("outcome").asText()).filteredOn("created"::equals).hasSize(1);
    assertThat(RecordingMonitorWorkflow.starts(ORDERS.workflowId())).isEqualTo(1);
    awaitSpecVersion(ORDERS, versions.size());

    assertThat(products).extracting(x -> x.get("outcome").asText()).filteredOn("created"::equals).hasSize(2);
    assertThat(STORE.database().registry().versions(new ProductId("payments", "payments-settled"))).hasSize(1);
    assertThat(STORE.database().registry().versions(new ProductId("payments", "refunds"))).hasSize(1);
    assertThat(RecordingMonitorWorkflow.starts("product/payments/payments-settled")).isEqualTo(1);
    assertThat(RecordingMonitorWorkflow.starts("product/payments/refunds")).isEqualTo(1);
  }

  interface Call {
    HttpResponse<String> call(int i) throws Exception;
  }

  /** Fires {@code n} calls at once (released together) and returns their 200 answers. */
  static List<JsonNode> parallel(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit((Callable<HttpResponse<String>>) () -> {
          start.await();
          return call.call(index);
        }));
      }
      start.countDown();
      List<JsonNode> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        HttpResponse<String> response = future.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        answers.add(json(response));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for the monitor to know version {@code version}: its status query answers with it. */
  static void awaitSpecVersion(ProductId product, long version) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long seen = -1;
    while (System.nanoTime() < deadline) {
      try {
        seen = fixture.client.newWorkflowStub(io.meshwatch.workflows.monitor.ProductMonitorWorkflow.class, product.workflowId())
            .status().specVersion();
      } catch (io.temporal.client.WorkflowException notYet) {
        seen = -1;
      }
      if (seen == version) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(seen).as("spec version the monitor of " + product + " knows").isEqualTo(version);
  }

  static void awaitSignal(ProductId product, Object signal) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!RecordingMonitorWorkflow.signals(product.workflowId()).contains(signal) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(RecordingMonitorWorkflow.signals(product.workflowId())).contains(signal);
  }
}
