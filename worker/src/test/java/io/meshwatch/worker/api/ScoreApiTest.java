package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.worker.report.ScoreHistory;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/scores} on the worker's HTTP server over a store holding {@link ScoreHistory}'s constructed half year. */
class ScoreApiTest {

  @RegisterExtension static final ScoreHistory HISTORY = new ScoreHistory();

  private static final double DAY = 86_400;

  static IncidentApiFixture fixture;
  static HttpApi server;

  @BeforeAll
  static void serve() {
    fixture = new IncidentApiFixture(HISTORY.database());
    server = fixture.serve(new ScoreApi(HISTORY.database().scores()));
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  @Test
  void aQuartersScoresPerProductDomainAndMeshWithThePreviousQuarter() throws Exception {
    HttpResponse<String> response = get("/api/scores?period=2026-Q3");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = HttpApi.JSON.readTree(response.body());
    assertThat(body.at("/period/label").asText()).isEqualTo("2026-Q3");
    assertThat(body.at("/period/from").asText()).isEqualTo("2026-07-01T00:00:00Z");
    assertThat(body.at("/period/to").asText()).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(body.get("domain").isNull()).isTrue();
    assertThat(body.get("products")).extracting(p -> p.get("product").asText())
        .containsExactly("billing/invoices", "billing/payments", "orders/orders-daily", "orders/orders-hourly");

    JsonNode daily = product(body, "orders/orders-daily");
    assertThat(daily.get("availability").asDouble()).isCloseTo(91.0 / 92, within(1e-12));
    assertThat(daily.get("availabilityTarget").asDouble()).isEqualTo(0.99);
    assertThat(daily.get("targetMet").asBoolean()).isFalse();
    assertThat(daily.get("coverage").asDouble()).isEqualTo(1.0);
    assertThat(daily.get("qualityScore").asDouble()).isCloseTo(75.0, within(1e-9));
    assertThat(daily.get("breaches").asLong()).isEqualTo(1);
    assertThat(daily.get("meanTimeToAcknowledgeSeconds").asDouble()).isEqualTo(900.0);
    assertThat(daily.get("meanTimeToResolveSeconds").asDouble()).isEqualTo(DAY);

    JsonNode invoices = product(body, "billing/invoices");
    assertThat(invoices.get("measuredSeconds").asDouble()).isEqualTo(46 * DAY);
    assertThat(invoices.get("coverage").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(invoices.get("availability").asDouble()).isEqualTo(1.0);
    assertThat(invoices.get("targetMet").asBoolean()).isTrue();
    // No evaluation: a null, not a 0.
    assertThat(invoices.get("qualityScore").isNull()).isTrue();
    assertThat(invoices.get("meanTimeToAcknowledgeSeconds").isNull()).isTrue();

    JsonNode payments = product(body, "billing/payments");
    assertThat(payments.get("availability").asDouble()).isCloseTo(0.995, within(1e-12));
    assertThat(payments.get("qualityScore").asDouble()).isCloseTo(87.5, within(1e-9));
    assertThat(payments.get("breaches").asLong()).isEqualTo(2);
    assertThat(payments.get("meanTimeToAcknowledgeSeconds").asDouble()).isEqualTo(3600.0);
    assertThat(payments.get("meanTimeToResolveSeconds").asDouble()).isEqualTo(8100.0);

    JsonNode billing = body.get("domains").get(0);
    assertThat(billing.get("domain").asText()).isEqualTo("billing");
    assertThat(billing.get("products").asLong()).isEqualTo(2);
    assertThat(billing.get("productsMeetingTarget").asLong()).isEqualTo(2);
    assertThat(billing.get("coverage").asDouble()).isCloseTo(138.0 / 184, within(1e-12));
    assertThat(billing.get("availability").asDouble()).isCloseTo(1 - 39_744 / (138 * DAY), within(1e-12));

    JsonNode overall = body.get("overall");
    assertThat(overall.get("domains").asLong()).isEqualTo(2);
    assertThat(overall.get("products").asLong()).isEqualTo(4);
    assertThat(overall.get("productsMeetingTarget").asLong()).isEqualTo(3);
    assertThat(overall.get("availability").asDouble()).isCloseTo(1 - (DAY + 39_744) / (322 * DAY), within(1e-12));
    assertThat(overall.get("qualityScore").asDouble()).isCloseTo(87.5, within(1e-9));
    assertThat(overall.get("breaches").asLong()).isEqualTo(3);
    assertThat(overall.get("meanTimeToAcknowledgeSeconds").asDouble()).isCloseTo(2700.0, within(1e-9));

    JsonNode previous = body.get("previous");
    assertThat(previous.at("/period/label").asText()).isEqualTo("2026-Q2");
    assertThat(previous.at("/period/from").asText()).isEqualTo("2026-04-01T00:00:00Z");
    assertThat(previous.at("/overall/availability").asDouble()).isEqualTo(1.0);
    assertThat(previous.at("/overall/breaches").asLong()).isEqualTo(1);
    assertThat(product(previous, "billing/payments").get("qualityScore").asDouble()).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void aDomainRestrictsProductsAndDomainsButTheOverallStaysTheMesh() throws Exception {
    JsonNode body = HttpApi.JSON.readTree(get("/api/scores?period=2026-Q3&domain=billing").body());

    assertThat(body.get("domain").asText()).isEqualTo("billing");
    assertThat(body.get("products")).extracting(p -> p.get("product").asText()).containsExactly("billing/invoices", "billing/payments");
    assertThat(body.get("domains")).extracting(d -> d.get("domain").asText()).containsExactly("billing");
    assertThat(body.at("/previous/products")).hasSize(2);
    assertThat(body.at("/overall/products").asLong()).isEqualTo(4);
  }

  @Test
  void anyPeriodTextTheStoreReadsIsAccepted() throws Exception {
    String span = URLEncoder.encode("2026-08-10T00:00:00Z/2026-08-12T00:00:00Z", StandardCharsets.UTF_8);

    JsonNode body = HttpApi.JSON.readTree(get("/api/scores?period=" + span).body());

    assertThat(body.at("/period/label").asText()).isEqualTo("2026-08-10T00:00:00Z/2026-08-12T00:00:00Z");
    assertThat(body.at("/previous/period/label").asText()).isEqualTo("2026-08-08T00:00:00Z/2026-08-10T00:00:00Z");
    assertThat(product(body, "orders/orders-daily").get("availability").asDouble()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aBadPeriodIsA400NamingTheParameterAndQuotingTheText() throws Exception {
    HttpResponse<String> bad = get("/api/scores?period=2026-Q5");
    HttpResponse<String> missing = get("/api/scores");
    HttpResponse<String> badDomain = get("/api/scores?period=2026-Q3&domain=" + URLEncoder.encode("<b>", StandardCharsets.UTF_8));
    HttpResponse<String> unknownDomain = get("/api/scores?period=2026-Q3&domain=marketing");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(HttpApi.JSON.readTree(bad.body()).get("detail").asText())
        .isEqualTo("period: not a period: '2026-Q5' (quarter must be 1 to 4, got 5)");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(HttpApi.JSON.readTree(missing.body()).get("detail").asText()).startsWith("period: required");
    assertThat(badDomain.statusCode()).isEqualTo(400);
    assertThat(HttpApi.JSON.readTree(badDomain.body()).get("detail").asText()).startsWith("domain: ");
    assertThat(unknownDomain.statusCode()).isEqualTo(404);
    assertThat(HttpApi.JSON.readTree(unknownDomain.body()).get("detail").asText())
        .isEqualTo("no product of domain 'marketing' was registered in 2026-Q3 or 2026-Q2");
  }

  private static JsonNode product(JsonNode scores, String id) {
    for (JsonNode p : scores.get("products")) {
      if (p.get("product").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no product " + id + " in " + scores.get("products"));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(server, path)).GET().build());
  }
}
