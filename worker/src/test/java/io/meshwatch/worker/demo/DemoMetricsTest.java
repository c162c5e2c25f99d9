package io.meshwatch.worker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.metrics.Exposition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on embedded defaults, scraped: the metrics DESIGN §9 asks for beyond the product ones —
 * open incidents, notifications sent and failed, Temporal's worker metrics — with their labels and
 * values. Beside the console, a webhook is configured whose server answers 503 to its first
 * {@value #WEBHOOK_FAILURES} requests, so one sink fails and recovers (an incident's opening is
 * stored once its delivery succeeded, so a webhook that never recovers would leave none open).
 */
class DemoMetricsTest {

  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static final int WEBHOOK_FAILURES = 3;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void scrapeShowsOpenIncidentsNotificationsSentAndFailedAndTemporalWorkerMetrics(@TempDir Path work) throws Exception {
    try (ScrapedDemo demo = ScrapedDemo.start(work, WEBHOOK_FAILURES)) {
      WorkerConfig config = demo.config();
      Map<String, String> paymentsOpen = Map.of("product", "payments/payments-settled", "domain", "payments",
          "owner", "payments-team", "state", "open");
      Map<String, String> consoleOpenedSent = Map.of("sink", "console", "intent", "opened", "outcome", "sent");
      Map<String, String> webhookOpenedSent = Map.of("sink", "webhook", "intent", "opened", "outcome", "sent");
      Map<String, String> webhookFailed = Map.of("sink", "webhook", "outcome", "failed");

      Exposition scraped = awaitScrape(demo, e ->
          e.find("meshwatch_incidents_open", Map.of("state", "open")).size() == 2
              && e.sum("meshwatch_notifications_total", consoleOpenedSent) >= 2
              && e.sum("meshwatch_notifications_total", webhookOpenedSent) >= 2
              && !e.find("temporal_worker_start_total", Map.of()).isEmpty()
              && !e.find("temporal_request_total", Map.of()).isEmpty());

      // Two products breached (payments late, shipments failing): one open incident each, none for orders.
      assertThat(scraped.value("meshwatch_incidents_open", paymentsOpen)).contains(1.0);
      assertThat(scraped.find("meshwatch_incidents_open", Map.of("product", "shipments/shipments-events", "state", "open")))
          .singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(1.0);
            assertThat(s.labels()).containsOnlyKeys("product", "domain", "owner", "state").containsEntry("domain", "shipments");
          });
      assertThat(scraped.find("meshwatch_incidents_open", Map.of("product", "orders/orders-daily"))).isEmpty();

      // Each opening went out once on the console (retries find it sent: skipped) and, after its
      // 503s, once on the webhook; the 503s count as failures of the webhook alone.
      assertThat(scraped.value("meshwatch_notifications_total", consoleOpenedSent)).contains(2.0);
      assertThat(scraped.value("meshwatch_notifications_total", webhookOpenedSent)).contains(2.0);
      assertThat(scraped.sum("meshwatch_notifications_total", webhookFailed)).isEqualTo(WEBHOOK_FAILURES);
      assertThat(scraped.sum("meshwatch_notifications_total", Map.of("sink", "console", "outcome", "failed"))).isZero();
      assertThat(scraped.find("meshwatch_notifications_total", Map.of()))
          .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("sink", "intent", "outcome"));

      // Evaluation durations are a histogram with fixed buckets, so quantiles aggregate across products.
      assertThat(scraped.find("meshwatch_evaluation_duration_seconds_bucket", Map.of("product", "orders/orders-daily")))
          .extracting(s -> s.labels().get("le")).contains("0.01", "1.0", "600.0", "+Inf");
      assertThat(scraped.sum("meshwatch_evaluation_duration_seconds_bucket",
          Map.of("product", "orders/orders-daily", "le", "+Inf")))
          .isEqualTo(scraped.sum("meshwatch_evaluation_duration_seconds_count", Map.of("product", "orders/orders-daily")))
          .isPositive();

      // The SDK's own metrics share the registry: the worker started and polls the task queue.
      assertThat(scraped.find("temporal_worker_start_total", Map.of("task_queue", config.temporal().taskQueue())))
          .isNotEmpty();
      assertThat(scraped.sum("temporal_request_total", Map.of("namespace", config.temporal().namespace()))).isPositive();

      // Resolving the payments incident takes it out of the gauge: its series reads 0, it does not vanish.
      HttpResponse<String> resolved = http.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + demo.httpPort() + "/api/products/payments/payments-settled/incident/resolve"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"alice\", \"reason\": \"fixed\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
      Exposition afterResolve = awaitScrape(demo, e -> e.value("meshwatch_incidents_open", paymentsOpen).orElse(-1.0) == 0.0);
      assertThat(afterResolve.find("meshwatch_incidents_open", Map.of("product", "payments/payments-settled"))
          .stream().mapToDouble(Exposition.Sample::value).sum()).isZero();
      assertThat(afterResolve.find("meshwatch_incidents_open", Map.of("state", "resolved"))).isEmpty();
      assertThat(afterResolve.find("meshwatch_notifications_total", Map.of("intent", "resolved", "outcome", "sent")))
          .isNotEmpty();

      // No label anywhere carries an incident id, a message or an e-mail address.
      assertThat(afterResolve.samples()).allSatisfy(s -> assertThat(s.labels().values())
          .noneMatch(v -> v.startsWith("incident/") || v.contains("@")));
    }
  }

  /** Scrapes until {@code ready} holds (the monitors, incidents and the SDK's reporter run on their own clocks). */
  private static Exposition awaitScrape(ScrapedDemo demo, Predicate<Exposition> ready) throws Exception {
    Exposition last = demo.scrapeUntil(ready, TIMEOUT);
    if (!ready.test(last)) {
      throw new AssertionError("metrics never became ready; last scrape had "
          + last.samples().stream().map(Exposition.Sample::name).distinct().sorted().toList());
    }
    return last;
  }
}
