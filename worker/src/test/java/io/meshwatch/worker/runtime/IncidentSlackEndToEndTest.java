package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.demo.DemoProducts;
import io.meshwatch.worker.demo.DemoWarehouse;
import io.meshwatch.workflows.incident.IncidentState;
import io.meshwatch.workflows.incident.IncidentStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents end to end on real parts: the worker on embedded defaults with the demo warehouse, the
 * real Slack client talking to a local server that speaks Slack's Web API, the PostgreSQL outbox,
 * and Slack's interactivity request signed as Slack signs it. A delivery whose answer is lost after
 * Slack posted is retried by Temporal without a second post. One failing product gets exactly one
 * main message, its steward a direct message at once (a PII violation), its opted-in consumer team
 * a notice; the Acknowledge button reaches the incident, which edits the message and answers in
 * its thread; a restart of the worker (whose embedded Temporal server forgets its workflows) brings
 * the acknowledged incident back from PostgreSQL without a second message.
 */
class IncidentSlackEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String TOKEN = "xoxb-local-test-token-0001";
  private static final String SIGNING_SECRET = "8f3c0b6a1d2e4f5a6b7c8d9e0f1a2b3c";
  private static final String LOGISTICS = "C0LOGIST01";
  private static final String CARE = "C0CARE0001";
  private static final String STEWARD = "U0MEICHEN1";
  private static final String SHIPMENTS = "shipments/shipments-events";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void oneMessagePerIncidentAcknowledgedFromSlackAndKeptAcrossARestart(@TempDir Path work) throws Exception {
    try (LocalSlackServer slack = LocalSlackServer.start(TOKEN)) {
      slack.addChannel(LOGISTICS, "logistics-alerts").addChannel("C0PAYMNT01", "payments-alerts")
          .addChannel("C0ORDERS01", "orders-alerts").addChannel(CARE, "customer-care")
          .addChannel("C0FINANC01", "finance").addChannel("C0PLATFRM1", "data-platform")
          .addUser(STEWARD, "mei.chen@company.com").addUser("U0RAJPATL1", "raj.patel@company.com");
      Path warehouse = DemoWarehouse.generate(work.resolve("warehouse"), Instant.now());
      ConfigLoader loader = new ConfigLoader(Map.of("E2E_SLACK_TOKEN", TOKEN, "E2E_SLACK_SECRET", SIGNING_SECRET));
      WorkerConfig config = config(loader.defaults(), warehouse, slack.apiBaseUrl());
      ByteArrayOutputStream console = new ByteArrayOutputStream();

      String incidentId;
      String mainTs;
      try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, work,
          new PrintStream(console, true, StandardCharsets.UTF_8))) {
        // The first post's answer is lost after Slack posted it, as when a worker dies mid-call:
        // Temporal retries the delivery, which finds the message by its metadata instead of posting again.
        slack.dropNextResponse("chat.postMessage");
        DemoProducts.registerAll(runtime);
        assertThat(DemoProducts.awaitFirstCycles(runtime, TIMEOUT)).isTrue();
        incidentId = runtime.statuses().get(SHIPMENTS).incidentId();
        assertThat(incidentId).startsWith("incident/shipments/shipments-events/");
        String payments = runtime.statuses().get("payments/payments-settled").incidentId();
        assertThat(slack.calls("conversations.history")).as("the retried delivery looked before posting").isNotEmpty();
        assertThat(openings(slack, "C0PAYMNT01", payments)).hasSize(1);

        LocalSlackServer.StoredMessage main = single(openings(slack, LOGISTICS, incidentId));
        mainTs = main.ts();
        assertThat(main.visible())
            .contains("shipments/shipments-events", "pii:recipient_email", "160", "customer-care",
                "Where-is-my-parcel answers", "meshwatch.acknowledge", "meshwatch.snooze", "meshwatch.resolve",
                "https://grafana.example/d/product?var-product=shipments/shipments-events");
        // A PII-handling violation reaches the steward at once, by direct message.
        await(() -> !slack.messages(LocalSlackServer.directChannel(STEWARD)).isEmpty());
        // customer-care opted in to consumer notices.
        await(() -> !slack.messages(CARE).isEmpty());
        // Counts, never values: no clear-text e-mail from the PII column anywhere in Slack.
        assertThat(slack.allMessages()).allSatisfy(m -> assertThat(m.visible()).doesNotContain("@example.com"));

        URI interactions = URI.create("http://localhost:" + runtime.httpPort() + "/slack/interactions");
        String body = "payload=" + URLEncoder.encode(json.writeValueAsString(Map.of(
            "type", "block_actions",
            "user", Map.of("id", STEWARD, "username", "mei.chen"),
            "actions", List.of(Map.of("action_id", "meshwatch.acknowledge", "value", incidentId)))), StandardCharsets.UTF_8);

        // A forged request changes nothing.
        long now = Instant.now().getEpochSecond();
        assertThat(post(interactions, body, now, "v0=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(runtime.incident(incidentId).map(IncidentStatus::state)).contains(IncidentState.OPEN);

        assertThat(post(interactions, body, now, sign(now, body)).statusCode()).isEqualTo(200);
        await(() -> runtime.incident(incidentId).map(s -> s.state() == IncidentState.ACKNOWLEDGED).orElse(false));
        // The main message is edited in place, and the acknowledgement answered in its thread.
        await(() -> slack.calls("chat.update").stream().anyMatch(c -> mainTs.equals(c.params().get("ts"))));
        await(() -> slack.replies(LOGISTICS, mainTs).stream().anyMatch(r -> r.visible().contains(STEWARD)));

        // The workflow answers in the thread before it records the acknowledgement: wait for the record too.
        await(() -> runtime.store().incidents().find(incidentId)
            .map(h -> h.incident().state() == IncidentState.ACKNOWLEDGED).orElse(false));
        JsonNode stored = json.readTree(get(URI.create("http://localhost:" + runtime.httpPort() + "/api/"
            + incidentId.replace("incident/", "incidents/"))));
        assertThat(stored.toString()).contains("ACKNOWLEDGED", STEWARD, "slack");
      }

      // The restarted worker's Temporal server starts empty; the incident comes back from PostgreSQL.
      try (MeshwatchRuntime restarted = MeshwatchRuntime.start(config, loader, work,
          new PrintStream(console, true, StandardCharsets.UTF_8))) {
        assertThat(DemoProducts.awaitFirstCycles(restarted, TIMEOUT)).isTrue();
        assertThat(restarted.statuses().get(SHIPMENTS).incidentId()).isEqualTo(incidentId);
        IncidentStatus status = restarted.incident(incidentId).orElseThrow();
        assertThat(status.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(status.message().id()).contains(mainTs);
        assertThat(openings(slack, LOGISTICS, incidentId)).hasSize(1);
        assertThat(slack.messages(LOGISTICS).stream().filter(LocalSlackServer.StoredMessage::topLevel)
            .filter(m -> m.visible().contains("shipments/shipments-events"))).hasSize(1);
      }
    }
  }

  private static List<LocalSlackServer.StoredMessage> openings(LocalSlackServer slack, String channel, String incidentId) {
    return slack.messages(channel).stream()
        .filter(LocalSlackServer.StoredMessage::topLevel)
        .filter(m -> m.metadataKey() != null && m.metadataKey().startsWith(incidentId + "|OPENED|"))
        .toList();
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static WorkerConfig config(WorkerConfig defaults, Path warehouse, String slackApi) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", defaults.temporal().namespace(), defaults.temporal().taskQueue(), 0,
            defaults.temporal().tls()),
        new WorkerConfig.Store("embedded", null, null, null, "postgres"),
        Map.of("demo", new WorkerConfig.Warehouse("duckdb", "jdbc:duckdb:" + warehouse.toAbsolutePath(), null, null, null,
            Duration.ofSeconds(60), Map.of())),
        Map.of(
            "logistics-team", new WorkerConfig.Team(LOGISTICS, List.of(), false),
            "payments-team", new WorkerConfig.Team("C0PAYMNT01", List.of(), false),
            "orders-platform-team", new WorkerConfig.Team("C0ORDERS01", List.of(), false),
            "customer-care", new WorkerConfig.Team(CARE, List.of(), true),
            "finance", new WorkerConfig.Team("C0FINANC01", List.of(), false)),
        new WorkerConfig.Http(0, Map.of()),
        new WorkerConfig.Monitor(Duration.ofMinutes(1), 0),
        new WorkerConfig.Alerts(true, null),
        new WorkerConfig.Slack("E2E_SLACK_TOKEN", null, "E2E_SLACK_SECRET", null, slackApi, "C0PLATFRM1", 5,
            Duration.ofMinutes(1)),
        new WorkerConfig.Links("https://grafana.example/d/product?var-product={domain}/{name}", null),
        defaults.escalation());
  }

  private HttpResponse<String> post(URI uri, String body, long timestamp, String signature) throws Exception {
    return http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
        .header("X-Slack-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
    return response.body();
  }

  /** Slack's v0 signature: HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret. */
  private static String sign(long timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition not met within %s", TIMEOUT).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
