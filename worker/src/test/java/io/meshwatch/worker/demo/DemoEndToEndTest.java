package io.meshwatch.worker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.activities.store.ProductScore;
import io.meshwatch.worker.cli.MeshwatchCommand;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.monitor.ProductStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo end to end, on real parts: Temporal's test server on a port, embedded PostgreSQL, the
 * generated DuckDB warehouse, the real activities and the console sink.
 */
class DemoEndToEndTest {

  static final Duration TIMEOUT = Duration.ofMinutes(2);
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void demoOnceEvaluatesEveryProductPrintsAlertsAndTheTableAndExitsZero(@TempDir Path work) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new MeshwatchCommand())
          .execute("demo", "--once", "--port", "0", "--work-dir", work.toString(), "--timeout", "2m");
    } finally {
      System.setOut(original);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    original.print(out);

    assertThat(exit).isZero();
    assertThat(out).containsOnlyOnce("demo history: seeded ");
    assertThat(row(out, "orders/orders-daily")).contains("HEALTHY");
    assertThat(row(out, "payments/payments-settled")).contains("LATE").contains("freshness");
    assertThat(row(out, "shipments/shipments-events"))
        .contains("FAILING").contains("custom:delivered_after_shipped").contains("pii:recipient_email");
    assertThat(out)
        .contains("[meshwatch] OPENED payments/payments-settled is LATE")
        .contains("[meshwatch] OPENED shipments/shipments-events is FAILING")
        // A PII-handling violation reaches the steward at once.
        .contains("[meshwatch] ESCALATED_TO_STEWARD shipments/shipments-events → steward mei.chen@company.com")
        .doesNotContain("[meshwatch] OPENED orders/orders-daily")
        // Alerts carry counts, never values: no clear-text e-mail from the PII column.
        .doesNotContain("@example.com");
  }

  @Test
  void runningDemoServesStatusResultsAndMetricsAndSurvivesARestart(@TempDir Path work) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream alerts = new PrintStream(printed, true, StandardCharsets.UTF_8);
    Instant started = Instant.now();
    HistorySpan history = HistorySpan.before(started);
    List<ProductScore> seededQuarter;
    try (MeshwatchRuntime runtime = Demo.start(work, 0, Duration.ofMinutes(1), alerts)) {
      assertThat(DemoProducts.awaitFirstCycles(runtime, TIMEOUT)).isTrue();
      String line = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("demo history: ")).findFirst().orElseThrow();
      assertThat(line).startsWith("demo history: seeded " + history.previousQuarter().label());
      Instant seededTo = Instant.parse(line.replaceFirst(".* up to (\\S+) for .*", "$1"));
      assertThat(seededTo).isBefore(started);

      // The seeded past and the live present side by side: the previous quarter scores every
      // product, the live monitors recorded after the history's last cycle and opened their incidents.
      seededQuarter = runtime.store().scores().products(history.previousQuarter());
      assertThat(seededQuarter).hasSize(3).allSatisfy(p -> {
        assertThat(p.evaluations()).isPositive();
        assertThat(p.breaches()).isPositive();
        assertThat(p.availability()).isNotNull();
      });
      for (String product : List.of("orders/orders-daily", "payments/payments-settled", "shipments/shipments-events")) {
        ProductId id = ProductId.parse(product);
        assertThat(runtime.store().results().findLatestEvaluation(id)).hasValueSatisfying(e ->
            assertThat(e.scheduledAt()).isAfter(seededTo));
        assertThat(runtime.store().results().timeline().findCurrent(id)).hasValueSatisfying(s ->
            assertThat(s.startedAt()).isAfterOrEqualTo(seededTo));
        assertThat(runtime.store().registry().find(id)).hasValueSatisfying(r -> {
          assertThat(r.createdAt()).isEqualTo(history.from());
          assertThat(r.version()).isEqualTo(1);
        });
      }
      assertThat(runtime.store().incidents().findOpen()).extracting(i -> i.product().toString())
          .containsExactlyInAnyOrder("payments/payments-settled", "shipments/shipments-events");
      Map<String, ProductStatus> statuses = runtime.statuses();
      assertThat(statuses).containsOnlyKeys("orders/orders-daily", "payments/payments-settled", "shipments/shipments-events");
      assertThat(statuses.get("orders/orders-daily").state()).isEqualTo(ProductState.HEALTHY);
      assertThat(statuses.get("payments/payments-settled").state()).isEqualTo(ProductState.LATE);
      assertThat(statuses.get("shipments/shipments-events").state()).isEqualTo(ProductState.FAILING);

      String base = "http://localhost:" + runtime.httpPort();
      JsonNode list = json.readTree(get(base + "/api/products", 200));
      assertThat(list).hasSize(3);
      assertThat(list.findValuesAsText("state")).containsExactlyInAnyOrder("HEALTHY", "LATE", "FAILING");

      JsonNode detail = json.readTree(get(base + "/api/products/shipments/shipments-events", 200));
      assertThat(detail.get("state").asText()).isEqualTo("FAILING");
      assertThat(detail.get("failing").toString()).contains("custom:delivered_after_shipped", "pii:recipient_email");
      // One fused scan per evaluation, on the columns the cycle's probe resolved: no catalog read.
      assertThat(detail.get("latestEvaluation").get("scans").asInt()).isEqualTo(1);
      assertThat(detail.get("latestEvaluation").get("queries").asInt()).isEqualTo(1);
      assertThat(detail.get("storedResults")).isNotEmpty();
      JsonNode pii = find(detail.get("results"), "pii:recipient_email");
      assertThat(pii.get("outcome").asText()).isEqualTo("FAIL");
      assertThat(pii.get("violations").asLong()).isEqualTo(160);
      assertThat(detail.toString()).doesNotContain("@example.com");

      JsonNode missing = json.readTree(get(base + "/api/products/shipments/nope", 404));
      assertThat(missing.get("status").asInt()).isEqualTo(404);

      String metrics = get(base + "/metrics", 200);
      assertThat(metrics)
          .contains("meshwatch_product_state{domain=\"payments\",owner=\"payments-team\",product=\"payments/payments-settled\",state=\"late\"} 1.0")
          .contains("meshwatch_check_outcomes_total{")
          .contains("meshwatch_product_data_age_seconds{");
    }

    // A restart on the same work folder: the embedded Temporal server starts empty, and the worker
    // reconciles every registered product's monitor from PostgreSQL.
    try (MeshwatchRuntime restarted = io.meshwatch.worker.runtime.MeshwatchRuntime.start(
        Demo.config(io.meshwatch.worker.config.ConfigLoader.fromEnvironment().defaults(),
            work.resolve("warehouse/demo-warehouse.duckdb"), 0, Duration.ofMinutes(1)),
        io.meshwatch.worker.config.ConfigLoader.fromEnvironment(), work, alerts)) {
      assertThat(restarted.directory().active()).hasSize(3);
      assertThat(DemoProducts.awaitFirstCycles(restarted, TIMEOUT)).isTrue();
      assertThat(restarted.statuses().get("payments/payments-settled").state()).isEqualTo(ProductState.LATE);
      assertThat(restarted.statuses().get("orders/orders-daily").specVersion()).isEqualTo(1);
      assertThat(restarted.store().scores().products(history.previousQuarter())).isEqualTo(seededQuarter);
    }
  }

  private String get(String url, int expectedStatus) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(expectedStatus);
    return response.body();
  }

  private static JsonNode find(JsonNode results, String checkId) {
    for (JsonNode result : results) {
      if (result.get("checkId").asText().equals(checkId)) {
        return result;
      }
    }
    throw new AssertionError("no result for " + checkId + " in " + results);
  }

  private static String row(String table, String product) {
    List<String> rows = table.lines().filter(l -> l.startsWith(product + " ")).toList();
    assertThat(rows).as("table row of " + product + " in:\n" + table).hasSize(1);
    return rows.get(0);
  }
}
