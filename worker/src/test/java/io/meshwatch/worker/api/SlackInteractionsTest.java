package io.meshwatch.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.meshwatch.activities.store.EmbeddedStore;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.workflows.incident.AcknowledgeRequest;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.SnoozeRequest;
import io.meshwatch.workflows.model.ProductId;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/interactions} on the real server, wired from config as the worker wires it,
 * with a fixed clock: signed clicks become exactly one signal; forged, tampered, replayed, early
 * and unsigned requests get 401 and change nothing; the signing secret never reaches a log.
 */
class SlackInteractionsTest {

  @RegisterExtension static final EmbeddedStore STORE = new EmbeddedStore();

  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final Instant NOW = Instant.parse("2026-03-02T06:15:00Z");
  static final ProductId ORDERS = new ProductId("orders", "orders-daily");
  static final String USER = "U024BE7LH";

  static IncidentApiFixture fixture;
  static ListAppender<ILoggingEvent> logs;
  static Logger root;
  static Level rootLevel;
  HttpApi server;

  @BeforeAll
  static void start() {
    fixture = new IncidentApiFixture(STORE.database());
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    // Everything anyone logs, down to debug, is searched for the secret.
    root.setLevel(Level.DEBUG);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
  }

  @AfterAll
  static void stop() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    fixture.close();
  }

  @BeforeEach
  void serve() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of("SLACK_SIGNING_SECRET", SECRET));
    WorkerConfig config = loader.defaults();
    server = fixture.serve(IncidentRoutes.fromConfig(config, loader, STORE.database().incidents(), fixture.client,
        Clock.fixed(NOW, ZoneOffset.UTC), new CommandAuth(ApiTokens.none())).toArray(RouteGroup[]::new));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Slack's scheme, written out here rather than borrowed from the code under test. */
  static String sign(String secret, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  static String button(String actionId, String value) {
    return payload(actionId, "\"type\": \"button\", \"value\": \"" + value + "\"");
  }

  static String select(String actionId, String value) {
    return payload(actionId, "\"type\": \"static_select\", \"selected_option\": {\"text\": {\"type\": \"plain_text\", \"text\": \"x\"},"
        + " \"value\": \"" + value + "\"}");
  }

  private static String payload(String actionId, String action) {
    String json = "{\"type\": \"block_actions\", \"user\": {\"id\": \"" + USER + "\", \"username\": \"alice\", \"team_id\": \"T0001\"},"
        + " \"actions\": [{\"action_id\": \"" + actionId + "\", \"block_id\": \"incident\", " + action + "}],"
        + " \"response_url\": \"https://hooks.slack.com/actions/T0001/1/x\"}";
    return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String body, String timestamp, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(IncidentApiFixture.uri(server, SlackInteractions.PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header(SlackSignature.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      request.header(SlackSignature.SIGNATURE_HEADER, signature);
    }
    return fixture.send(request.build());
  }

  private HttpResponse<String> signed(String body, Instant at) throws Exception {
    String timestamp = String.valueOf(at.getEpochSecond());
    return post(body, timestamp, sign(SECRET, timestamp, body));
  }

  @Test
  void aSignedAcknowledgeClickSignalsTheIncidentOnceAsTheSlackUser() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    HttpResponse<String> response = signed(button(SlackActions.ACKNOWLEDGE, id), NOW);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fixture.awaitSignals(id, 1)).containsExactly(new AcknowledgeRequest(new Actor(USER, "slack")));
    assertThat(fixture.signalCount(id)).isEqualTo(1);
  }

  @Test
  void theSnoozeAndResolveSelectsCarryTheirOption() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    assertThat(signed(select(SlackActions.SNOOZE, id + "|PT4H"), NOW).statusCode()).isEqualTo(200);
    assertThat(signed(select(SlackActions.RESOLVE, id + "|false_positive"), NOW).statusCode()).isEqualTo(200);

    assertThat(fixture.awaitSignals(id, 2)).containsExactly(
        new SnoozeRequest(new Actor(USER, "slack"), Duration.ofHours(4)),
        new ResolveRequest(new Actor(USER, "slack"), Resolution.FALSE_POSITIVE, null));
  }

  @Test
  void aSignatureMadeWithAnotherSecretIsRefused() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String body = button(SlackActions.ACKNOWLEDGE, id);
    String timestamp = String.valueOf(NOW.getEpochSecond());

    HttpResponse<String> forged = post(body, timestamp, sign("not-the-signing-secret", timestamp, body));
    HttpResponse<String> garbage = post(body, timestamp, "v0=00");

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void aTamperedBodyIsRefused() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String timestamp = String.valueOf(NOW.getEpochSecond());
    String signedBody = button(SlackActions.ACKNOWLEDGE, id);
    String tampered = select(SlackActions.RESOLVE, id + "|false_positive");

    HttpResponse<String> response = post(tampered, timestamp, sign(SECRET, timestamp, signedBody));
    HttpResponse<String> restamped = post(signedBody, String.valueOf(NOW.getEpochSecond() + 1), sign(SECRET, timestamp, signedBody));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(restamped.statusCode()).isEqualTo(401);
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void aRequestStampedMoreThanFiveMinutesAwayEitherWayIsRefused() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String body = button(SlackActions.ACKNOWLEDGE, id);

    HttpResponse<String> replayed = signed(body, NOW.minusSeconds(301));
    HttpResponse<String> early = signed(body, NOW.plusSeconds(301));
    HttpResponse<String> oneDayOld = signed(body, NOW.minus(Duration.ofDays(1)));

    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(early.statusCode()).isEqualTo(401);
    assertThat(oneDayOld.statusCode()).isEqualTo(401);
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void fiveMinutesExactlyIsStillWithinTheWindow() throws Exception {
    String first = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String second = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());

    assertThat(signed(button(SlackActions.ACKNOWLEDGE, first), NOW.minusSeconds(300)).statusCode()).isEqualTo(200);
    assertThat(signed(button(SlackActions.ACKNOWLEDGE, second), NOW.plusSeconds(300)).statusCode()).isEqualTo(200);

    fixture.awaitSignals(first, 1);
    fixture.awaitSignals(second, 1);
  }

  @Test
  void aRequestWithoutTheHeadersIsRefused() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String body = button(SlackActions.ACKNOWLEDGE, id);
    String timestamp = String.valueOf(NOW.getEpochSecond());
    String signature = sign(SECRET, timestamp, body);

    assertThat(post(body, null, signature).statusCode()).isEqualTo(401);
    assertThat(post(body, timestamp, null).statusCode()).isEqualTo(401);
    assertThat(post(body, null, null).statusCode()).isEqualTo(401);
    assertThat(post(body, "soon", signature).statusCode()).isEqualTo(401);
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void actionsThatAreNotMeshwatchsAreAnsweredAndLoggedWithoutASignal() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    clearLogs();

    HttpResponse<String> other = signed(button("someone.else", id), NOW);
    HttpResponse<String> stale = signed(select(SlackActions.SNOOZE, id + "|forever"), NOW);

    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(messages()).contains("Slack interaction ignored: action 'someone.else' is not meshwatch's",
        "Slack interaction ignored: meshwatch.snooze with a value meshwatch does not make: '" + id + "|forever'");
    assertThat(fixture.signalCount(id)).isZero();
  }

  @Test
  void aSignedRequestWithoutAPayloadIsABadRequest() throws Exception {
    assertThat(signed("token=legacy&team_id=T0001", NOW).statusCode()).isEqualTo(400);
  }

  @Test
  void withoutASigningSecretTheEndpointDoesNotExist() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of());
    try (HttpApi unsigned = fixture.serve(IncidentRoutes.fromConfig(loader.defaults(), loader, STORE.database().incidents(),
        fixture.client, Clock.fixed(NOW, ZoneOffset.UTC), new CommandAuth(ApiTokens.none())).toArray(RouteGroup[]::new))) {
      String body = button(SlackActions.ACKNOWLEDGE, "incident/orders/orders-daily/1");
      String timestamp = String.valueOf(NOW.getEpochSecond());
      HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(IncidentApiFixture.uri(unsigned, SlackInteractions.PATH))
          .header(SlackSignature.TIMESTAMP_HEADER, timestamp)
          .header(SlackSignature.SIGNATURE_HEADER, sign(SECRET, timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build());

      assertThat(response.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theSigningSecretNeverReachesTheLogs() throws Exception {
    String id = fixture.startIncident(ORDERS, IncidentApiFixture.nextOpening());
    String body = button(SlackActions.ACKNOWLEDGE, id);
    clearLogs();

    signed(body, NOW.minusSeconds(600));
    post(body, String.valueOf(NOW.getEpochSecond()), sign("wrong", String.valueOf(NOW.getEpochSecond()), body));
    post(body, null, null);
    signed("payload=%7Bnot-json", NOW);
    signed(body, NOW);
    fixture.awaitSignals(id, 1);

    assertThat(messages()).anyMatch(m -> m.startsWith("refused a request to /slack/interactions"));
    assertThat(messages()).anyMatch(m -> m.contains("signalled"));
    assertThat(events()).noneSatisfy(event -> {
      String logged = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
          : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(logged).contains(SECRET.substring(0, 12));
    });
    assertThat(new SlackSignature(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC()).toString()).doesNotContain(SECRET);
  }

  /** What was logged so far; the appender adds under its own lock, so the copy is taken under it too. */
  private static List<ILoggingEvent> events() {
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  private static void clearLogs() {
    synchronized (logs) {
      logs.list.clear();
    }
  }

  private static List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
  }
}
