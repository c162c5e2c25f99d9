package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.demo.DemoProducts;
import io.meshwatch.worker.demo.DemoWarehouse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole worker configured with distinctive secrets — a warehouse password, Slack's bot token and
 * signing secret, a webhook secret and three API tokens — registers products, opens an incident,
 * delivers it to Slack and the webhook, and answers API calls, good and bad. Then everything it
 * wrote where others can read it is scanned: every log event with its stack trace, the console,
 * the /metrics exposition, every workflow history (payloads decoded), every row of every store
 * table, every API response, every Slack message and every webhook delivery. No secret appears.
 */
class SecretsNeverLeakTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String WAREHOUSE_PASSWORD = "wh-pass-Q7vX2mZ9kL4tRb";
  private static final String SLACK_TOKEN = "xoxb-leakcheck-5521-8834-Zq9wXrTy";
  private static final String SIGNING_SECRET = "signsecret0d4b9e2f7a1c6e3b8d5f0a2c";
  private static final String WEBHOOK_SECRET = "whsec-Lk3Jh8Gf2Ds9PaVb";
  private static final String PLATFORM = "api-platform-Hn4Tq8Wz1Xc6";
  private static final String OWNER = "api-owner-Pm2Rk7Vs5Yd3";
  private static final String VIEWER = "api-viewer-Gc9Lb4Ne6Uf1";
  private static final Map<String, String> ENV = Map.of(
      "LEAK_WAREHOUSE_PASSWORD", WAREHOUSE_PASSWORD, "LEAK_SLACK_TOKEN", SLACK_TOKEN, "LEAK_SLACK_SECRET", SIGNING_SECRET,
      "LEAK_WEBHOOK_SECRET", WEBHOOK_SECRET, "LEAK_PLATFORM", PLATFORM, "LEAK_OWNER", OWNER, "LEAK_VIEWER", VIEWER);
  private static final String LOGISTICS = "C0LOGIST01";
  private static final String SHIPMENTS = "shipments/shipments-events";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> responses = new CopyOnWriteArrayList<>();

  @Test
  void noSecretReachesLogsMetricsHistoriesRowsOrAnswers(@TempDir Path work) throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    // Debug output is where a secret slips out first (a connection string, a request dump): read it too.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Map<String, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();
    for (String name : List.of("io.meshwatch", "org.postgresql", "com.zaxxer.hikari")) {
      levels.put(name, context.getLogger(name).getLevel());
      context.getLogger(name).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }
    List<String> webhookDeliveries = new CopyOnWriteArrayList<>();
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      webhookDeliveries.add(exchange.getRequestHeaders() + "\n" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhook.start();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    List<String> corpus = new ArrayList<>();
    int histories = 0;
    try (LocalSlackServer slack = LocalSlackServer.start(SLACK_TOKEN)) {
      slack.addChannel(LOGISTICS, "logistics-alerts").addChannel("C0PAYMNT01", "payments-alerts")
          .addChannel("C0ORDERS01", "orders-alerts").addChannel("C0CARE0001", "customer-care")
          .addChannel("C0FINANC01", "finance").addChannel("C0PLATFRM1", "data-platform")
          .addUser("U0MEICHEN1", "mei.chen@company.com").addUser("U0RAJPATL1", "raj.patel@company.com");
      Path warehouse = DemoWarehouse.generate(work.resolve("warehouse"), Instant.now());
      ConfigLoader loader = new ConfigLoader(ENV);
      WorkerConfig config = config(loader.defaults(), warehouse, slack.apiBaseUrl(),
          "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");

      try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, work, new PrintStream(console, true, StandardCharsets.UTF_8))) {
        DemoProducts.registerAll(runtime);
        assertThat(DemoProducts.awaitFirstCycles(runtime, TIMEOUT)).isTrue();
        String base = "http://127.0.0.1:" + runtime.httpPort();

        // Good and bad calls: every answer joins the corpus.
        call("GET", base + "/api/products", VIEWER, null, null, 200);
        call("GET", base + "/api/products", "not-" + VIEWER, null, null, 401);
        call("PUT", base + "/api/products", VIEWER, "application/yaml", ledger(), 403);
        call("PUT", base + "/api/products", PLATFORM, "application/yaml", ledger().replace("format: postgres", "format: parquet"), 422);
        call("PUT", base + "/api/products", PLATFORM, "application/yaml", "a: [", 400);
        // A product on the warehouse whose password is the secret: its connection is made, and fails.
        call("PUT", base + "/api/products", PLATFORM, "application/yaml", ledger(), 200);
        call("GET", base + "/api/products/orders/ledger-daily", OWNER, null, null, 200);
        call("GET", base + "/api/incidents", VIEWER, null, null, 200);
        call("GET", base + "/metrics", null, null, null, 200);

        String incidentId = runtime.statuses().get(SHIPMENTS).incidentId();
        assertThat(incidentId).startsWith("incident/shipments/");
        await(() -> slack.messages(LOGISTICS).stream().anyMatch(m -> m.visible().contains(SHIPMENTS)));
        await(() -> !webhookDeliveries.isEmpty());
        // Slack's interactivity: a forged request refused, a signed one accepted.
        String body = "payload=" + URLEncoder.encode(json.writeValueAsString(Map.of("type", "block_actions",
            "user", Map.of("id", "U0MEICHEN1", "username", "mei.chen"),
            "actions", List.of(Map.of("action_id", "meshwatch.acknowledge", "value", incidentId)))), StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        slackPost(base, body, now, "v0=" + "0".repeat(64), 401);
        slackPost(base, body, now, sign(now, body), 200);
        // The ledger's monitor has tried its warehouse: the password was read and used.
        await(() -> logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("probe orders/ledger-daily")
            && e.getFormattedMessage().endsWith("ERROR")));
        await(() -> runtime.statuses().containsKey("orders/ledger-daily"));
        call("GET", base + "/metrics", null, null, null, 200);

        WorkflowClient client = runtime.workflowClient();
        Set<String> ids = new TreeSet<>();
        try {
          client.listExecutions("").map(WorkflowExecutionMetadata::getExecution).forEach(e -> ids.add(e.getWorkflowId()));
        } catch (RuntimeException listingUnsupported) {
          // Some Temporal servers answer no visibility queries; the ids the store knows are enough then.
        }
        ids.addAll(rows(runtime, "select 'product/' || domain || '/' || name from meshwatch.products"));
        ids.addAll(rows(runtime, "select incident_id from meshwatch.incidents"));
        for (String id : ids) {
          String history = client.fetchHistory(id).toJson(false);
          corpus.add(history);
          corpus.addAll(payloads(json.readTree(history)));
          histories++;
        }
        for (String table : rows(runtime, "select table_name from information_schema.tables where table_schema = 'meshwatch'"
            + " and table_type = 'BASE TABLE'")) {
          corpus.addAll(rows(runtime, "select t::text from meshwatch." + table + " t"));
        }
        assertThat(rows(runtime, "select t::text from meshwatch.spec_versions t")).as("stored specs").hasSizeGreaterThanOrEqualTo(4);
        assertThat(rows(runtime, "select t::text from meshwatch.incidents t")).as("stored incidents").isNotEmpty();
      }
      slack.allMessages().forEach(m -> corpus.add(m.visible() + "\n" + m.blocks()));
    } finally {
      root.detachAppender(logs);
      levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
      webhook.stop(0);
    }
    List<String> logLines = logs.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    corpus.addAll(logLines);
    corpus.add(console.toString(StandardCharsets.UTF_8));
    corpus.addAll(responses);
    corpus.addAll(webhookDeliveries);

    // Not vacuous: the worker did log, ran workflows, answered, and delivered.
    assertThat(logLines).hasSizeGreaterThan(50);
    assertThat(histories).isGreaterThanOrEqualTo(4);
    assertThat(responses).hasSizeGreaterThanOrEqualTo(10);
    assertThat(webhookDeliveries).isNotEmpty();
    assertThat(String.join("\n", responses)).contains("meshwatch_", "ledger-daily", "forbidden");
    String everything = String.join("\n", corpus);
    for (Map.Entry<String, String> secret : ENV.entrySet()) {
      assertThat(everything).as(secret.getKey() + " must appear nowhere").doesNotContain(secret.getValue());
    }
  }

  /** A product on the {@code vault} warehouse (PostgreSQL behind a password); nothing listens there. */
  private static String ledger() {
    return """
        apiVersion: dataproduct/v1
        kind: DataProduct
        metadata:
          name: ledger-daily
          domain: orders
          owner: orders-platform-team
          steward: jane.smith@company.com
        spec:
          output:
            format: postgres
            connection: vault
            schema: public
            table: ledger_daily
          schema:
            - name: entry_id
              type: string
              nullable: false
          quality:
            freshness_sla_hours: 2
            completeness_threshold: 0.999
        """;
  }

  private static WorkerConfig config(WorkerConfig defaults, Path warehouse, String slackApi, String webhookUrl) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", defaults.temporal().namespace(), defaults.temporal().taskQueue(), 0,
            defaults.temporal().tls()),
        new WorkerConfig.Store("embedded", null, null, null, "postgres"),
        Map.of(
            "demo", new WorkerConfig.Warehouse("duckdb", "jdbc:duckdb:" + warehouse.toAbsolutePath(), null, null, null,
                Duration.ofSeconds(60), Map.of()),
            // Port 1: the connection is refused after the password was read and handed to the driver.
            "vault", new WorkerConfig.Warehouse("postgres", "jdbc:postgresql://127.0.0.1:1/warehouse", "meshwatch_reader",
                "LEAK_WAREHOUSE_PASSWORD", null, Duration.ofSeconds(10), Map.of())),
        Map.of(
            "logistics-team", new WorkerConfig.Team(LOGISTICS, List.of(), false),
            "payments-team", new WorkerConfig.Team("C0PAYMNT01", List.of(), false),
            "orders-platform-team", new WorkerConfig.Team("C0ORDERS01", List.of(), false),
            "customer-care", new WorkerConfig.Team("C0CARE0001", List.of(), true),
            "finance", new WorkerConfig.Team("C0FINANC01", List.of(), false)),
        new WorkerConfig.Http(0, Map.of(
            "platform-ci", new WorkerConfig.ApiToken("LEAK_PLATFORM", null, "platform", List.of()),
            "orders-team", new WorkerConfig.ApiToken("LEAK_OWNER", null, "owner", List.of("orders")),
            "dashboards", new WorkerConfig.ApiToken("LEAK_VIEWER", null, "viewer", List.of()))),
        new WorkerConfig.Monitor(Duration.ofMinutes(1), 0),
        new WorkerConfig.Alerts(true, new WorkerConfig.Webhook(webhookUrl, "LEAK_WEBHOOK_SECRET", null)),
        new WorkerConfig.Slack("LEAK_SLACK_TOKEN", null, "LEAK_SLACK_SECRET", null, slackApi, "C0PLATFRM1", 5, Duration.ofMinutes(1)),
        new WorkerConfig.Links("https://grafana.example/d/product?var-product={domain}/{name}", null),
        defaults.escalation());
  }

  private String call(String method, String uri, String token, String contentType, String body, int expected) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(expected);
    String seen = response.headers().map() + "\n" + response.body();
    responses.add(seen);
    return seen;
  }

  private void slackPost(String base, String body, long timestamp, String signature, int expected) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/slack/interactions"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
        .header("X-Slack-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    responses.add(response.headers().map() + "\n" + response.body());
  }

  /** Payloads in a history's JSON are base64: decoded, a secret inside them would show. */
  private static List<String> payloads(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      node.properties().forEach(field -> {
        if (field.getKey().equals("data") && field.getValue().isTextual()) {
          try {
            out.add(new String(Base64.getDecoder().decode(field.getValue().asText()), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException notBase64) {
            out.add(field.getValue().asText());
          }
        } else {
          out.addAll(payloads(field.getValue()));
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> out.addAll(payloads(child)));
    }
    return out;
  }

  private static List<String> rows(MeshwatchRuntime runtime, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection connection = runtime.store().dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }

  private static String sign(long timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition not met within %s", TIMEOUT).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
