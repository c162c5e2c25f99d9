package io.meshwatch.alerts.slack;

import static io.meshwatch.alerts.Incidents.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.alerts.IncidentActivitiesImpl;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.LogCapture;
import io.meshwatch.alerts.Secret;
import io.meshwatch.alerts.console.ConsoleSink;
import io.meshwatch.alerts.outbox.InMemoryDeliveryOutbox;
import io.meshwatch.alerts.webhook.WebhookReceiver;
import io.meshwatch.alerts.webhook.WebhookSettings;
import io.meshwatch.alerts.webhook.WebhookSink;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.FailingCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The bot token and the webhook secret never reach a log (the Slack client's own debug logging
 * included), and no alert carries a value from a PII column: a PII check shows counts, whatever its
 * message says.
 */
class SecretsAndValuesTest {

  private static final String WEBHOOK_SECRET = "whsec-9f8e7d6c5b4a-never-log-me";
  /** A value from a PII column, as a buggy check might have put it in its message. */
  private static final String PII_VALUE = "alice.smith@example.org";

  @Test
  void theBotTokenIsInNoLogLineWhateverHappens() throws Exception {
    try (LogCapture logs = new LogCapture();
        SlackFixture slack = new SlackFixture(2, s -> s.withChannelInterval(Duration.ZERO), o -> o, SlackFixture.TEAMS)) {
      SlackSettings settings = SlackSettings.of(Secret.of(SlackFixture.TOKEN), slack.server.apiBaseUrl(), null, 5, null);
      LoggerFactory.getLogger(getClass()).info("settings: {}", settings);

      IncidentSnapshot incident = Incidents.open();
      MessageRef main = slack.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
      slack.sink.deliver(input(DeliveryIntent.REMINDER, incident, main)); // a 429, waited out
      slack.sink.deliver(input(DeliveryIntent.ESCALATED_TO_STEWARD, incident, main));
      slack.server.dropNextResponse("chat.postMessage");
      DeliveryInput platform = input(DeliveryIntent.ESCALATED_TO_PLATFORM, incident, main);
      assertThatThrownBy(() -> slack.sink.deliver(platform)).hasMessageNotContaining(SlackFixture.TOKEN);
      slack.sink.deliver(platform); // found again through conversations.history
      slack.server.failNext("chat.update", "invalid_auth");
      assertThatThrownBy(() -> new IncidentActivitiesImpl(List.of(slack.sink))
          .deliver(input(DeliveryIntent.UPDATED, incident, main))).hasMessageNotContaining(SlackFixture.TOKEN);

      assertThat(slack.server.calls()).extracting(LocalSlackServer.Call::method)
          .contains("chat.postMessage", "chat.update", "users.lookupByEmail", "conversations.history");
      assertThat(slack.server.rateLimitedCalls()).isPositive();
      assertThat(logs.text()).contains("settings: SlackSettings[botToken=Secret[***]")
          .contains("rate limited").contains("invalid_auth");
      assertThat(logs.text()).doesNotContain(SlackFixture.TOKEN).doesNotContain("1111-2222");
      assertThat(settings.toString()).doesNotContain(SlackFixture.TOKEN);
    }
  }

  @Test
  void theWebhookSecretIsInNoLogLine() {
    WebhookSettings settings = WebhookSettings.of("http://127.0.0.1:9/hook", Secret.of(WEBHOOK_SECRET));
    WebhookSink sink = new WebhookSink(settings, new InMemoryDeliveryOutbox(), IncidentLinks.none(),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    try (LogCapture logs = new LogCapture()) {
      LoggerFactory.getLogger(getClass()).info("webhook: {}", settings);
      assertThatThrownBy(() -> new IncidentActivitiesImpl(List.of(sink)).deliver(input(DeliveryIntent.OPENED, Incidents.open(), null)))
          .hasMessageNotContaining(WEBHOOK_SECRET);

      assertThat(logs.text()).contains("webhook: WebhookSettings[").contains("Secret[***]").contains("webhook delivery of OPENED");
      assertThat(logs.text()).doesNotContain(WEBHOOK_SECRET);
    }
  }

  @Test
  void aFailingPiiCheckShowsCountsAndNeverAValueInAnySink() throws Exception {
    FailingCheck pii = Incidents.pii(Incidents.OPENED_AT,
        "3 of 1000 rows hold a email value that is not a hex digest, e.g. " + PII_VALUE);
    IncidentSnapshot incident = Incidents.open(Incidents.orders(), List.of(pii));
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    try (SlackFixture slack = SlackFixture.standard();
        WebhookReceiver receiver = WebhookReceiver.start()) {
      WebhookSink webhook = new WebhookSink(WebhookSettings.of(receiver.url(), null), new InMemoryDeliveryOutbox(),
          IncidentLinks.none());
      IncidentActivitiesImpl activities = new IncidentActivitiesImpl(List.of(slack.sink, webhook,
          new ConsoleSink(new PrintStream(console, true, StandardCharsets.UTF_8), new InMemoryDeliveryOutbox())));

      MessageRef main = activities.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
      activities.deliver(input(DeliveryIntent.ESCALATED_TO_STEWARD, incident, main));
      activities.deliver(input(DeliveryIntent.UPDATED, incident, main));

      String inSlack = String.join("\n", slack.server.allMessages().stream().map(LocalSlackServer.StoredMessage::visible).toList());
      assertThat(slack.server.allMessages()).hasSize(3);
      assertThat(inSlack).contains("3 of 1,000 rows do not conform to the column's pii_handling").doesNotContain(PII_VALUE);
      assertThat(receiver.bodies()).hasSize(3).allSatisfy(body -> assertThat(body).contains("\"violations\":3")
          .contains("\"rows\":1000").doesNotContain(PII_VALUE));
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("3 of 1,000 rows").doesNotContain(PII_VALUE);
    }
  }
}
