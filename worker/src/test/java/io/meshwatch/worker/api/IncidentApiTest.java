package io.meshwatch.worker.api;

import static io.meshwatch.activities.store.IncidentFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.incident.AcknowledgeRequest;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.SnoozeRequest;
import io.meshwatch.workflows.model.ProductId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The incident endpoints against a real HTTP server, embedded PostgreSQL and Temporal's test environment. */
class IncidentApiTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final ProductId ORDERS = new ProductId("orders", "orders-daily");
  static final ProductId PAYMENTS = new ProductId("payments", "payments-settled");
  static final String CI_TOKEN = "ci-token-5f1e0c8a9b7d4e21";
  static final ObjectMapper JSON = new ObjectMapper();

  static IncidentApiFixture fixture;
  HttpApi open;
  HttpApi guarded;
  IncidentStore incidents;

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
    incidents = STORE.database().incidents();
    open = fixture.serve(new IncidentApi(incidents, fixture.actions(), new CommandAuth(ApiTokens.none())));
    CommandAuth tokens = new CommandAuth(ApiTokens.of(Map.of("ci", CI_TOKEN)));
    guarded = fixture.serve(tokens, new IncidentApi(incidents, fixture.actions(), tokens));
  }

  @AfterEach
  void stopServers() {
    open.close();
    guarded.close();
  }

  private HttpResponse<String> get(HttpApi server, String path) throws Exception {
    return fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, path)).GET().build());
  }

  private HttpResponse<String> post(HttpApi server, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(IncidentApiFixture.uri(server, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return fixture.send(request.build());
  }

  private static String path(String incidentId) {
    return "/api/incidents/" + incidentId.substring("incident/".length());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void openIncidentsAreListedNewestFirstAndAllIncludesResolvedOnes() throws Exception {
    Instant first = IncidentApiFixture.nextOpening();
    Instant second = IncidentApiFixture.nextOpening();
    incidents.record(transition(ORDERS, first, 1, TransitionKind.OPENED, first, null));
    incidents.record(transition(ORDERS, first, 2, TransitionKind.RESOLVED, first.plusSeconds(60), null));
    incidents.record(transition(PAYMENTS, second, 1, TransitionKind.OPENED, second, null));

    HttpResponse<String> openList = get(open, "/api/incidents");
    HttpResponse<String> all = get(open, "/api/incidents?state=all");

    assertThat(openList.statusCode()).isEqualTo(200);
    assertThat(json(openList)).extracting(n -> n.get("id").asText()).containsExactly("incident/payments/payments-settled/"
        + second.toEpochMilli());
    JsonNode listed = json(openList).get(0);
    assertThat(listed.get("state").asText()).isEqualTo("OPEN");
    assertThat(listed.get("owner").asText()).isEqualTo("team-payments");
    assertThat(listed.get("failing")).extracting(n -> n.get("checkId").asText()).containsExactly("freshness", "not_null:order_id");
    assertThat(json(all)).extracting(n -> n.get("id").asText()).hasSize(2).last().asString().endsWith("/" + first.toEpochMilli());
    assertThat(json(all).get(1).get("resolution").asText()).isEqualTo("fixed");
    assertThat(json(get(open, "/api/incidents?state=all&limit=1"))).hasSize(1);
  }

  @Test
  void badListQueriesAreRefusedWithTheirProblem() throws Exception {
    HttpResponse<String> state = get(open, "/api/incidents?state=closed");
    HttpResponse<String> limit = get(open, "/api/incidents?state=all&limit=0");

    assertThat(state.statusCode()).isEqualTo(400);
    assertThat(json(state).get("detail").asText()).isEqualTo("state: must be open or all, got 'closed'");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(json(limit).get("detail").asText()).isEqualTo("limit: must be a number from 1 to 1000");
  }

  @Test
  void aProductsIncidentsAndOneIncidentWithItsTransitionsAreRead() throws Exception {
    Instant older = IncidentApiFixture.nextOpening();
    Instant newer = IncidentApiFixture.nextOpening();
    incidents.record(transition(ORDERS, older, 1, TransitionKind.OPENED, older, null));
    incidents.record(transition(ORDERS, older, 2, TransitionKind.RESOLVED, older.plusSeconds(60), null));
    incidents.record(transition(ORDERS, newer, 1, TransitionKind.OPENED, newer, null));
    incidents.record(transition(ORDERS, newer, 2, TransitionKind.ACKNOWLEDGED, newer.plusSeconds(300), null));
    String id = "incident/orders/orders-daily/" + newer.toEpochMilli();

    JsonNode product = json(get(open, "/api/incidents/orders/orders-daily"));
    HttpResponse<String> one = get(open, path(id));

    assertThat(product).extracting(n -> n.get("id").asText())
        .containsExactly(id, "incident/orders/orders-daily/" + older.toEpochMilli());
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode incident = json(one);
    assertThat(incident.get("state").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(incident.get("acknowledgedBy").get("name").asText()).isEqualTo("U024BE7LH");
    assertThat(incident.get("acknowledgedBy").get("via").asText()).isEqualTo("slack");
    assertThat(incident.get("transitions")).extracting(t -> t.get("kind").asText()).containsExactly("OPENED", "ACKNOWLEDGED");
    assertThat(incident.get("transitions").get(1).get("at").asText()).isEqualTo(newer.plusSeconds(300).toString());
    assertThat(json(get(open, "/api/incidents/nobody/nothing"))).isEmpty();
  }

  @Test
  void anUnknownIncidentIs404AndABadIdIs400() throws Exception {
    HttpResponse<String> unknown = get(open, "/api/incidents/orders/orders-daily/1");
    HttpResponse<String> bad = get(open, "/api/incidents/orders/orders-daily/yesterday");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("detail").asText()).isEqualTo("no incident incident/orders/orders-daily/1 is recorded");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText())
        .isEqualTo("opened: must be when the incident opened in epoch milliseconds (the last part of its id), got 'yesterday'");
  }

  @Test
  void aLocalCallerAcknowledgesUnderTheNameItGives() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    HttpResponse<String> response = post(open, path(id) + "/acknowledge", "{\"by\": \"alice\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("incidentId").asText()).isEqualTo(id);
    assertThat(json(response).get("status").asText()).isEqualTo("accepted");
    assertThat(response.headers().firstValue("Location")).contains(path(id));
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor("alice", "api")));
    assertThat(fixture.signalCount(id)).isEqualTo(1);
  }

  @Test
  void snoozeAndResolveCarryTheirDurationReasonAndNote() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    HttpResponse<String> snoozed = post(open, path(id) + "/snooze", "{\"by\": \"alice\", \"for\": \"2h\"}");
    HttpResponse<String> resolved = post(open, path(id) + "/resolve",
        "{\"by\": \"bob\", \"reason\": \"false_positive\", \"note\": \"the check counted test orders\"}",
        CommandBodies.CLIENT_HEADER, "cli");

    assertThat(snoozed.statusCode()).isEqualTo(202);
    assertThat(json(snoozed).get("for").asText()).isEqualTo("PT2H");
    assertThat(resolved.statusCode()).isEqualTo(202);
    assertThat(json(resolved).get("reason").asText()).isEqualTo("false_positive");
    assertThat(fixture.awaitSignals(id, 2)).containsExactly(
        new SnoozeRequest(new Actor("alice", "api"), Duration.ofHours(2)),
        new ResolveRequest(new Actor("bob", "cli"), Resolution.FALSE_POSITIVE, "the check counted test orders"));
  }

  @Test
  void aProductsCommandGoesToItsOpenIncident() throws Exception {
    Instant opened = IncidentApiFixture.nextOpening();
    String id = fixture.startIncident(PAYMENTS, opened);
    incidents.record(transition(PAYMENTS, opened, 1, TransitionKind.OPENED, opened, null));

    HttpResponse<String> response = post(open, "/api/products/payments/payments-settled/incident/acknowledge", "{\"by\": \"carol\"}");
    HttpResponse<String> none = post(open, "/api/products/orders/orders-daily/incident/acknowledge", "{\"by\": \"carol\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("incidentId").asText()).isEqualTo(id);
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor("carol", "api")));
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(json(none).get("detail").asText()).isEqualTo("product orders/orders-daily has no open incident");
  }

  @Test
  void aResolvedOrUnknownIncidentIs404AndGetsNoSignal() throws Exception {
    Instant opened = IncidentApiFixture.nextOpening();
    String id = fixture.startIncident(ORDERS, opened);
    incidents.record(transition(ORDERS, opened, 1, TransitionKind.OPENED, opened, null));
    incidents.record(transition(ORDERS, opened, 2, TransitionKind.RESOLVED, opened.plusSeconds(60), null));

    HttpResponse<String> resolved = post(open, path(id) + "/acknowledge", "{\"by\": \"alice\"}");
    HttpResponse<String> unknown = post(open, "/api/incidents/orders/orders-daily/42/acknowledge", "{\"by\": \"alice\"}");

    assertThat(resolved.statusCode()).isEqualTo(404);
    assertThat(json(resolved).get("detail").asText()).startsWith("incident " + id + " is resolved (fixed) since ");
    assertThat(fixture.signalCount(id)).isZero();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("detail").asText())
        .isEqualTo("no incident workflow runs under incident/orders/orders-daily/42 (it ended, or never started)");
  }

  @Test
  void anIncidentWhoseWorkflowEndedIs404() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    assertThat(post(open, path(id) + "/resolve", "{\"by\": \"bob\", \"reason\": \"fixed\"}").statusCode()).isEqualTo(202);
    fixture.client.newUntypedWorkflowStub(id).getResult(10, java.util.concurrent.TimeUnit.SECONDS, Object.class);

    HttpResponse<String> again = post(open, path(id) + "/acknowledge", "{\"by\": \"alice\"}");

    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(fixture.signalCount(id)).isEqualTo(1);
  }

  @Test
  void badBodiesAreRefusedWithEveryProblemAndSendNothing() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    HttpResponse<String> snooze = post(open, path(id) + "/snooze", "{\"for\": \"soon\", \"until\": \"noon\"}");
    HttpResponse<String> resolve = post(open, path(id) + "/resolve", "{\"by\": \"bob\", \"reason\": \"recovered\"}");
    HttpResponse<String> tooLong = post(open, path(id) + "/snooze", "{\"by\": \"bob\", \"for\": \"45d\"}");
    HttpResponse<String> notJson = post(open, path(id) + "/acknowledge", "by=alice");
    HttpResponse<String> anonymous = post(open, path(id) + "/acknowledge", "");

    assertThat(snooze.statusCode()).isEqualTo(400);
    assertThat(json(snooze).get("detail").asText()).isEqualTo("until: unknown field (known: by, for); by: required: who acts"
        + " (without API tokens, callers name themselves); for: must be a duration such as 30m, 2h or 1d, got 'soon'");
    assertThat(json(resolve).get("detail").asText())
        .isEqualTo("reason: must be fixed, expected or false_positive (recovered is meshwatch's own, when the product is healthy again)");
    assertThat(json(tooLong).get("detail").asText())
        .isEqualTo("for: must be longer than 0 and at most 30d (longer: resolve it as expected), got '45d'");
    assertThat(json(notJson).get("detail").asText()).startsWith("(body): not valid JSON");
    assertThat(anonymous.statusCode()).isEqualTo(400);
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void withTokensACommandNeedsOneAndActsUnderItsName() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    HttpResponse<String> none = post(guarded, path(id) + "/acknowledge", "{}");
    HttpResponse<String> wrong = post(guarded, path(id) + "/acknowledge", "{}", "Authorization", "Bearer not-the-token-at-all");
    HttpResponse<String> impersonating = post(guarded, path(id) + "/acknowledge", "{\"by\": \"alice\"}",
        "Authorization", "Bearer " + CI_TOKEN);
    assertThat(fixture.signalCount(id)).isZero();
    HttpResponse<String> granted = post(guarded, path(id) + "/acknowledge", "", "Authorization", "Bearer " + CI_TOKEN,
        CommandBodies.CLIENT_HEADER, "cli");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"meshwatch\"");
    assertThat(json(none).get("detail").asText()).contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain(CI_TOKEN);
    assertThat(impersonating.statusCode()).isEqualTo(400);
    assertThat(json(impersonating).get("detail").asText()).isEqualTo("by: this request acts as 'ci', the name of its token; leave by out");
    assertThat(granted.statusCode()).isEqualTo(202);
    assertThat(json(granted).get("by").get("name").asText()).isEqualTo("ci");
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor("ci", "cli")));
    assertThat(fixture.signalCount(id)).isEqualTo(1);
  }

  @Test
  void readsNeedAnyValidTokenOnceTokensAreConfigured() throws Exception {
    HttpResponse<String> anonymous = get(guarded, "/api/incidents");
    HttpResponse<String> unknown = fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(guarded, "/api/incidents"))
        .header("Authorization", "Bearer not-the-token-at-all").GET().build());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(get(open, "/api/incidents").statusCode()).isEqualTo(200);
    for (String path : new String[] {"/api/incidents", "/api/incidents/orders/orders-daily"}) {
      HttpResponse<String> withToken = fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(guarded, path))
          .header("Authorization", "Bearer " + CI_TOKEN).GET().build());
      assertThat(withToken.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void anOwnerActsOnItsOwnDomainsIncidentsOnlyAndAViewerOnNone() throws Exception {
    String ownerToken = "orders-owner-token-0a1b2c3d4e";
    String viewerToken = "viewer-token-9f8e7d6c5b4a";
    CommandAuth roles = new CommandAuth(ApiTokens.of(
        Map.of("ci", CI_TOKEN, "orders-team", ownerToken, "dashboards", viewerToken),
        Map.of("ci", new ApiRole.Platform(), "orders-team", new ApiRole.Owner(java.util.Set.of("orders")),
            "dashboards", new ApiRole.Viewer())));
    String orders = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String payments = fixture.startIncident(PAYMENTS, IncidentApiFixture.nextOpening());
    try (HttpApi server = fixture.serve(roles, new IncidentApi(incidents, fixture.actions(), roles))) {
      HttpResponse<String> viewer = post(server, path(orders) + "/acknowledge", "", "Authorization", "Bearer " + viewerToken);
      HttpResponse<String> otherDomain = post(server, path(payments) + "/acknowledge", "", "Authorization", "Bearer " + ownerToken);
      assertThat(fixture.signalCount(orders) + fixture.signalCount(payments)).isZero();
      HttpResponse<String> ownDomain = post(server, path(orders) + "/acknowledge", "", "Authorization", "Bearer " + ownerToken);
      HttpResponse<String> platform = post(server, path(payments) + "/snooze", "{\"for\": \"1h\"}", "Authorization", "Bearer " + CI_TOKEN);
      HttpResponse<String> viewerReads = fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, "/api/incidents"))
          .header("Authorization", "Bearer " + viewerToken).GET().build());

      assertThat(viewer.statusCode()).isEqualTo(403);
      assertThat(json(viewer).get("detail").asText())
          .isEqualTo("role viewer cannot acknowledge, snooze or resolve incidents of domain orders (token dashboards)");
      assertThat(otherDomain.statusCode()).isEqualTo(403);
      assertThat(json(otherDomain).get("detail").asText())
          .isEqualTo("role owner (of orders) cannot acknowledge, snooze or resolve incidents of domain payments (token orders-team)");
      assertThat(ownDomain.statusCode()).isEqualTo(202);
      assertThat(fixture.awaitSignals(orders, 1)).containsExactly(new AcknowledgeRequest(new Actor("orders-team", "api")));
      assertThat(platform.statusCode()).isEqualTo(202);
      assertThat(fixture.awaitSignals(payments, 1)).containsExactly(new SnoozeRequest(new Actor("ci", "api"), Duration.ofHours(1)));
      assertThat(viewerReads.statusCode()).isEqualTo(200);
    }
  }
}
