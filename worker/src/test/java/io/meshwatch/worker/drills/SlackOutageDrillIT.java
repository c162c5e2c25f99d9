package io.meshwatch.worker.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.alerts.LogCapture;
import io.meshwatch.alerts.slack.LocalSlackServer;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.worker.runtime.MeshwatchRuntime;
import io.meshwatch.workflows.model.ProductId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: Slack is down (HTTP 500), then throttling (HTTP 429 with {@code Retry-After}), while
 * an incident opens and climbs its ladder. A whole worker runs on real parts — embedded PostgreSQL
 * as store and warehouse, Temporal's test server, the real Slack client against a local server that
 * speaks Slack's Web API. Once Slack recovers, every message of the incident (the opening, the
 * steward's direct message, the platform escalation) is in Slack exactly once; no Retry-After was
 * cut short; the failed attempts show in {@code meshwatch_notifications_total} and in the log.
 */
class SlackOutageDrillIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String TOKEN = "xoxb-drill-outage-0001";
  private static final String OPS = "C0OPSALRT1";
  private static final String PLATFORM = "C0PLATFRM1";
  private static final String STEWARD = "U0OPSSTEW1";
  private static final int SERVER_ERRORS = 4;
  private static final int THROTTLED = 4;
  private static final int RETRY_AFTER_SECONDS = 2;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void messagesHeldUpByAnOutageAndThrottlingAreDeliveredOnceEach(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        LocalSlackServer slack = LocalSlackServer.start(TOKEN);
        LogCapture log = new LogCapture()) {
      slack.addChannel(OPS, "ops-alerts").addChannel(PLATFORM, "data-platform").addUser(STEWARD, "ops@company.com");
      Drill.sql(postgres, "CREATE TABLE orders (order_id text, loaded_at timestamptz NOT NULL)");
      // Three rows without an id: the not-null check fails from the first cycle on.
      Drill.sql(postgres, "INSERT INTO orders SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE 'o-' || i END, now() "
          + "FROM generate_series(1, 30) i");
      // Slack is down for the first calls, then throttles: whatever the worker calls first meets both.
      slack.failHttp(500, Map.of(), SERVER_ERRORS);
      slack.failHttp(429, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)), THROTTLED);

      ConfigLoader loader = new ConfigLoader(Map.of("DRILL_SLACK_TOKEN", TOKEN));
      WorkerConfig config = config(loader.defaults(), postgres.getJdbcUrl("postgres", "postgres"), slack.apiBaseUrl());
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      try (MeshwatchRuntime runtime = MeshwatchRuntime.start(config, loader, dir, new PrintStream(console, true, StandardCharsets.UTF_8))) {
        register(runtime);
        ProductId orders = new ProductId("ops", "orders");
        String incidentId = Drill.await("an incident for ops/orders", TIMEOUT,
            () -> runtime.directory().status(orders).map(s -> s.incidentId()).orElse(null));

        List<String> expected = List.of("OPENED", "ESCALATED_TO_STEWARD", "ESCALATED_TO_PLATFORM");
        Drill.await("every step of " + incidentId + " in Slack", TIMEOUT, () -> intentsDelivered(slack, incidentId).keySet()
            .containsAll(expected) ? true : null);
        assertThat(slack.outageLeft()).as("the whole outage was served").isZero();

        // Once each: no message key twice, and no accepted post beyond the messages Slack shows.
        Map<String, Long> byKey = slack.allMessages().stream().map(LocalSlackServer.StoredMessage::metadataKey)
            .filter(Objects::nonNull).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byKey).as("messages by key").allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
        assertThat(intentsDelivered(slack, incidentId)).containsOnlyKeys(expected).allSatisfy((intent, count) ->
            assertThat(count).as(intent).isEqualTo(1L));
        assertThat(slack.acceptedPosts()).hasSize(slack.allMessages().size());
        assertThat(slack.messages(OPS)).hasSize(1);
        assertThat(slack.messages(PLATFORM)).hasSize(1);
        assertThat(slack.messages(LocalSlackServer.directChannel(STEWARD))).hasSize(1);

        assertRetryAfterHonoured(slack);

        String metrics = get(URI.create("http://localhost:" + runtime.httpPort() + "/metrics"));
        assertThat(counter(metrics, "opened", "failed")).as("failed openings counted").isGreaterThanOrEqualTo(1);
        assertThat(counter(metrics, "opened", "sent")).isEqualTo(1);
        assertThat(log.text()).contains("chat.postMessage answered HTTP 500", "rate limited by Slack");
      }
    }
  }

  /** After each 429, the next call of the same method for the same channel came no sooner than its Retry-After. */
  private static void assertRetryAfterHonoured(LocalSlackServer slack) {
    List<LocalSlackServer.Call> calls = slack.calls();
    int throttled = 0;
    for (int i = 0; i < calls.size(); i++) {
      LocalSlackServer.Call call = calls.get(i);
      if (call.status() != 429) {
        continue;
      }
      throttled++;
      for (LocalSlackServer.Call next : calls.subList(i + 1, calls.size())) {
        if (next.method().equals(call.method()) && Objects.equals(next.params().get("channel"), call.params().get("channel"))) {
          assertThat(Duration.between(call.at(), next.at()))
              .as("%s in %s after a 429 at %s", next.method(), next.params().get("channel"), call.at())
              .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS).minusMillis(50));
          break;
        }
      }
    }
    assertThat(throttled).as("429 answers given").isGreaterThanOrEqualTo(THROTTLED);
  }

  /** Slack messages of the incident by intent (the second field of each message's key), with how many of each. */
  private static Map<String, Long> intentsDelivered(LocalSlackServer slack, String incidentId) {
    return slack.allMessages().stream().map(LocalSlackServer.StoredMessage::metadataKey)
        .filter(k -> k != null && k.startsWith(incidentId + "|"))
        .map(k -> k.substring(incidentId.length() + 1).split("\\|")[0])
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** {@code meshwatch_notifications_total} of the Slack sink for one intent and outcome; 0 when absent. */
  private static double counter(String metrics, String intent, String outcome) {
    Pattern line = Pattern.compile("^meshwatch_notifications_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(metrics);
    double total = 0;
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("sink=\"slack\"") && labels.contains("intent=\"" + intent + "\"")
          && labels.contains("outcome=\"" + outcome + "\"")) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private static void register(MeshwatchRuntime runtime) {
    String spec = """
        apiVersion: dataproduct/v1
        kind: DataProduct
        metadata: {name: orders, domain: ops, owner: ops-team, steward: ops@company.com}
        spec:
          output: {format: postgres, connection: wh, schema: public, table: orders}
          schema:
            - {name: order_id, type: string, nullable: false}
          quality:
            freshness_column: loaded_at
          sla: {schedule: "0 0 * * *", timezone: UTC}
        """;
    Drill.register(runtime, "orders", spec);
  }

  private static WorkerConfig config(WorkerConfig defaults, String url, String slackApi) {
    return new WorkerConfig(
        new WorkerConfig.Temporal("embedded", "default", "meshwatch-slack-drill", 0, defaults.temporal().tls()),
        new WorkerConfig.Store(url, "postgres", null, null, null),
        Map.of("wh", new WorkerConfig.Warehouse("postgres", url, "postgres", null, null, Duration.ofSeconds(10), Map.of())),
        Map.of("ops-team", new WorkerConfig.Team(OPS, List.of(), false)),
        new WorkerConfig.Http(0, Map.of()),
        new WorkerConfig.Monitor(Duration.ofSeconds(5), 0),
        new WorkerConfig.Alerts(false, null),
        new WorkerConfig.Slack("DRILL_SLACK_TOKEN", null, null, null, slackApi, PLATFORM, 5, Duration.ofMinutes(1)),
        defaults.links(),
        // The ladder climbs within the drill: the steward after 5 s, the platform after 10 s.
        new WorkerConfig.Escalation(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1)));
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return response.body();
  }


}
