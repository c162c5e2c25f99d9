package io.meshwatch.alerts.slack;

import static io.meshwatch.alerts.Incidents.input;
import static io.meshwatch.alerts.slack.SlackFixture.FINANCE;
import static io.meshwatch.alerts.slack.SlackFixture.ML;
import static io.meshwatch.alerts.slack.SlackFixture.ORDERS;
import static io.meshwatch.alerts.slack.SlackFixture.PLATFORM;
import static io.meshwatch.alerts.slack.SlackFixture.STEWARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.ProductId;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each intent makes the Slack calls DESIGN §7 asks for, against a local Slack Web API. */
class SlackSinkIntentsTest {

  private static final Actor ALICE = new Actor("U0ALICE01", "slack");

  private SlackFixture slack;

  @BeforeEach
  void start() throws Exception {
    slack = SlackFixture.standard();
  }

  @AfterEach
  void stop() throws Exception {
    slack.close();
  }

  private MessageRef open(IncidentSnapshot incident) {
    return slack.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
  }

  @Test
  void openedPostsTheMainMessageInTheOwnersChannelWithControlsAndMetadata() {
    IncidentSnapshot incident = Incidents.open();

    SinkResult result = slack.sink.deliver(input(DeliveryIntent.OPENED, incident, null));

    assertThat(result.sent()).isTrue();
    assertThat(result.message().sink()).isEqualTo(SlackSink.NAME);
    assertThat(result.message().channel()).isEqualTo(ORDERS);
    assertThat(slack.server.calls()).extracting(LocalSlackServer.Call::method).containsExactly("chat.postMessage");
    LocalSlackServer.StoredMessage main = slack.server.message(ORDERS, result.message().id());
    assertThat(main.topLevel()).isTrue();
    assertThat(main.metadata().path("event_type").asText()).isEqualTo("meshwatch_incident");
    assertThat(main.metadata().path("event_payload").path("incident_id").asText()).isEqualTo(incident.incidentId());
    assertThat(main.metadataKey()).isEqualTo(input(DeliveryIntent.OPENED, incident, null).key());
    assertThat(main.text()).contains("sales/orders-daily is failing").contains("completeness, freshness");
    assertThat(main.visible())
        .contains("Daily orders, one row per order line")
        .contains("team-orders").contains("steward@example.com")
        .contains("93.00% complete, threshold 99.00%; 70 of 1,000 rows incomplete")
        .contains("data age 30.3 h, SLA 6 h after the expected refresh")
        .contains("deadline 2026-11-21T07:00:00Z")
        .contains("finance").contains("revenue reporting").contains("churn model")
        .contains("https://grafana.example.com/d/product?var-domain=sales&amp;var-name=orders-daily|Dashboard")
        .contains("https://runbooks.example.com/sales/orders-daily|Runbook")
        .contains("<!date^" + Incidents.OPENED_AT.getEpochSecond());
    assertThat(actionIds(main)).containsExactly(SlackActions.ACKNOWLEDGE, SlackActions.SNOOZE, SlackActions.RESOLVE);
    JsonNode controls = actions(main);
    assertThat(controls.get(0).path("value").asText()).isEqualTo(incident.incidentId());
    assertThat(optionValues(controls.get(1))).containsExactly(
        incident.incidentId() + "|PT1H", incident.incidentId() + "|PT4H", incident.incidentId() + "|P1D");
    assertThat(optionValues(controls.get(2))).containsExactly(
        incident.incidentId() + "|fixed", incident.incidentId() + "|expected", incident.incidentId() + "|false_positive");
  }

  @Test
  void anUpdateEditsTheMainMessageAndRepliesInItsThread() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = open(incident);
    IncidentSnapshot changed = Incidents.withFailing(incident, List.of(Incidents.freshness(Incidents.OPENED_AT)), Duration.ofMinutes(20));

    SinkResult result = slack.sink.deliver(input(DeliveryIntent.UPDATED, changed, main));

    assertThat(result.message()).isEqualTo(main);
    assertThat(result.sent()).isTrue();
    assertThat(slack.server.calls()).extracting(LocalSlackServer.Call::method)
        .containsExactly("chat.postMessage", "chat.update", "chat.postMessage");
    assertThat(slack.server.calls("chat.update").getFirst().params()).containsEntry("ts", main.id()).containsEntry("channel", ORDERS);
    assertThat(slack.server.message(ORDERS, main.id()).visible()).doesNotContain("completeness").contains("freshness");
    List<LocalSlackServer.StoredMessage> replies = slack.server.replies(ORDERS, main.id());
    assertThat(replies).singleElement().satisfies(reply -> {
      assertThat(reply.text()).contains("the failing checks changed").contains("freshness");
      assertThat(reply.metadataKey()).isEqualTo(input(DeliveryIntent.UPDATED, changed, main).key());
    });
    assertThat(slack.server.messages(ORDERS)).hasSize(1);
  }

  @Test
  void acknowledgingAndSnoozingEditTheMessageAndSayWhoInTheThread() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = open(incident);

    slack.sink.deliver(input(DeliveryIntent.ACKNOWLEDGED, Incidents.acknowledged(incident, ALICE, Duration.ofMinutes(12)), main));
    LocalSlackServer.StoredMessage acknowledged = slack.server.message(ORDERS, main.id());
    assertThat(acknowledged.visible()).contains("(acknowledged)").contains("Acknowledged by <@U0ALICE01>");
    assertThat(actionIds(acknowledged)).containsExactly(SlackActions.SNOOZE, SlackActions.RESOLVE);

    slack.sink.deliver(input(DeliveryIntent.SNOOZED, Incidents.snoozed(incident, ALICE, Duration.ofMinutes(20), Duration.ofHours(4)), main));
    LocalSlackServer.StoredMessage snoozed = slack.server.message(ORDERS, main.id());
    assertThat(snoozed.visible()).contains("(snoozed)");
    assertThat(actionIds(snoozed)).containsExactly(SlackActions.ACKNOWLEDGE, SlackActions.SNOOZE, SlackActions.RESOLVE);

    assertThat(slack.server.replies(ORDERS, main.id())).extracting(LocalSlackServer.StoredMessage::text)
        .satisfiesExactly(
            ack -> assertThat(ack).contains("Acknowledged by <@U0ALICE01>"),
            snooze -> assertThat(snooze).contains("Snoozed until <!date^").contains("waiting for the reload"));
  }

  @Test
  void resolvingSaysHowLongItLastedAndWhyAndRemovesTheControls() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = open(incident);

    slack.sink.deliver(input(DeliveryIntent.RESOLVED,
        Incidents.resolved(incident, Resolution.FIXED, ALICE, Duration.ofMinutes(133)), main));

    LocalSlackServer.StoredMessage resolved = slack.server.message(ORDERS, main.id());
    assertThat(resolved.text()).contains("resolved after 2h 13m");
    assertThat(resolved.visible()).contains("Resolved after 2h 13m: fixed (by <@U0ALICE01>)");
    assertThat(actionIds(resolved)).isEmpty();
    assertThat(slack.server.replies(ORDERS, main.id())).singleElement()
        .satisfies(reply -> assertThat(reply.text()).contains(":white_check_mark: Resolved after 2h 13m: fixed"));
  }

  @Test
  void aReminderIsAThreadReplyAndNothingElse() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = open(incident);

    slack.sink.deliver(input(DeliveryIntent.REMINDER, Incidents.at(incident, Duration.ofMinutes(185)), main));

    assertThat(slack.server.calls()).extracting(LocalSlackServer.Call::method).containsExactly("chat.postMessage", "chat.postMessage");
    assertThat(slack.server.calls("chat.postMessage").get(1).params()).containsEntry("thread_ts", main.id());
    assertThat(slack.server.replies(ORDERS, main.id())).singleElement()
        .satisfies(reply -> assertThat(reply.text()).contains("still failing after 3h 05m").contains("nobody has acknowledged"));
  }

  @Test
  void theStewardGetsADirectMessageAndTheLookupIsCached() {
    IncidentSnapshot incident = Incidents.at(Incidents.open(), Duration.ofMinutes(30));
    MessageRef main = open(incident);

    SinkResult first = slack.sink.deliver(input(DeliveryIntent.ESCALATED_TO_STEWARD, incident, main, 1));
    SinkResult second = slack.sink.deliver(input(DeliveryIntent.ESCALATED_TO_STEWARD, incident, main, 2));

    assertThat(first.sent()).isTrue();
    assertThat(second.sent()).isTrue();
    assertThat(first.message()).isEqualTo(main);
    assertThat(slack.server.calls("users.lookupByEmail")).singleElement()
        .satisfies(call -> assertThat(call.params()).containsEntry("email", "steward@example.com"));
    assertThat(slack.server.calls("chat.postMessage").stream().map(c -> c.params().get("channel")).toList())
        .containsExactly(ORDERS, STEWARD, STEWARD);
    List<LocalSlackServer.StoredMessage> direct = slack.server.messages(LocalSlackServer.directChannel(STEWARD));
    assertThat(direct).hasSize(2);
    assertThat(direct.getFirst().visible()).contains("a data product you steward").contains("<#" + ORDERS + ">")
        .contains("nobody in").contains("30m");
    assertThat(slack.server.replies(ORDERS, main.id())).isEmpty();
  }

  @Test
  void aStewardSlackDoesNotKnowIsNamedInTheOwnersThreadInsteadOfFailing() {
    IncidentProduct product = new IncidentProduct(new ProductId("sales", "refunds"), null, "team-orders", "nobody@example.com",
        List.of(), null, false, "warehouse");
    IncidentSnapshot incident = Incidents.open(product, List.of(Incidents.completeness(Incidents.OPENED_AT)));
    MessageRef main = open(incident);

    SinkResult result = slack.sink.deliver(input(DeliveryIntent.ESCALATED_TO_STEWARD, incident, main));

    assertThat(result.sent()).isTrue();
    assertThat(slack.server.replies(ORDERS, main.id())).singleElement().satisfies(reply -> assertThat(reply.text())
        .contains("Escalation to the data steward (nobody@example.com) reached no one")
        .contains("no Slack user has this e-mail (users_not_found)"));
  }

  @Test
  void thePlatformEscalationIsPostedInThePlatformChannel() {
    IncidentSnapshot incident = Incidents.at(Incidents.open(), Duration.ofMinutes(125));
    MessageRef main = open(incident);

    SinkResult result = slack.sink.deliver(input(DeliveryIntent.ESCALATED_TO_PLATFORM, incident, main));

    assertThat(result.sent()).isTrue();
    assertThat(result.message()).isEqualTo(main);
    assertThat(slack.server.messages(PLATFORM)).singleElement().satisfies(post -> {
      assertThat(post.visible()).contains("unacknowledged for 2h 05m in <#" + ORDERS + ">").contains("Escalated to the platform team");
      assertThat(actionIds(post)).contains(SlackActions.ACKNOWLEDGE);
    });
  }

  @Test
  void consumerNoticesGoToTheTeamsThatOptedInOrToAllWhenTheSpecAsks() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = open(incident);

    SinkResult optedIn = slack.sink.deliver(input(DeliveryIntent.CONSUMER_NOTICE, incident, main, 1));
    assertThat(optedIn.sent()).isTrue();
    assertThat(slack.server.messages(FINANCE)).singleElement().satisfies(notice -> {
      assertThat(notice.visible()).contains("Heads-up").contains("*finance* (revenue reporting)").contains("team-orders");
      assertThat(notice.metadataKey()).isEqualTo(input(DeliveryIntent.CONSUMER_NOTICE, incident, main, 1).key() + "#" + FINANCE);
      assertThat(actionIds(notice)).isEmpty();
    });
    assertThat(slack.server.messages(ML)).isEmpty();

    IncidentProduct everyone = new IncidentProduct(incident.product().id(), null, "team-orders", null,
        incident.product().consumers(), null, true, "warehouse");
    IncidentSnapshot noticeAll = Incidents.open(everyone, incident.failing());
    slack.sink.deliver(input(DeliveryIntent.CONSUMER_NOTICE, noticeAll, main, 2));
    assertThat(slack.server.messages(FINANCE)).hasSize(2);
    assertThat(slack.server.messages(ML)).singleElement()
        .satisfies(notice -> assertThat(notice.visible()).contains("*ml* (churn model)"));
  }

  @Test
  void aConsumerNoticeWithNoTeamToTellSendsNothing() {
    IncidentProduct lonely = new IncidentProduct(new ProductId("sales", "lonely"), null, "team-orders", null,
        List.of(new ConsumerSpec("unknown-team", "reports")), null, false, "warehouse");
    IncidentSnapshot incident = Incidents.open(lonely, List.of(Incidents.completeness(Incidents.OPENED_AT)));

    SinkResult result = slack.sink.deliver(input(DeliveryIntent.CONSUMER_NOTICE, incident, null));

    assertThat(result.sent()).isFalse();
    assertThat(slack.server.calls()).isEmpty();
  }

  @Test
  void theSourceUnavailableIncidentGoesToThePlatformChannel() {
    IncidentProduct source = new IncidentProduct(new ProductId("platform", "warehouse-unavailable"),
        "Connection warehouse is unreachable", "platform", null, List.of(), null, false, "warehouse");
    IncidentSnapshot incident = Incidents.open(source, List.of());

    MessageRef main = open(incident);

    assertThat(main.channel()).isEqualTo(PLATFORM);
    assertThat(slack.server.messages(PLATFORM)).singleElement()
        .satisfies(post -> assertThat(post.visible()).contains("Connection warehouse is unreachable"));
  }

  @Test
  void aTeamWithoutAChannelIsPostedInThePlatformChannelWithANote() {
    IncidentSnapshot incident = Incidents.open(Incidents.product("sales", "returns", "team-unknown"),
        List.of(Incidents.completeness(Incidents.OPENED_AT)));

    MessageRef main = open(incident);

    assertThat(main.channel()).isEqualTo(PLATFORM);
    assertThat(slack.server.message(PLATFORM, main.id()).visible())
        .contains("No Slack channel is configured for team team-unknown");
  }

  @Test
  void theSpecsChannelOverridesTheDirectory() {
    IncidentProduct product = new IncidentProduct(new ProductId("sales", "returns"), null, "team-orders", null,
        List.of(), "#finance", false, "warehouse");

    MessageRef main = open(Incidents.open(product, List.of(Incidents.completeness(Incidents.OPENED_AT))));

    assertThat(main.channel()).isEqualTo(FINANCE);
  }

  @Test
  void textFromSpecsCannotMentionEveryoneOrForgeLinks() {
    IncidentProduct product = new IncidentProduct(new ProductId("sales", "tricky"),
        "<!channel> look & <https://evil.example.com|click here>", "team-orders", null,
        List.of(new ConsumerSpec("finance", "<@U0BOSS01> board pack")), null, false, "warehouse");
    IncidentSnapshot incident = Incidents.open(product, List.of(Incidents.completeness(Incidents.OPENED_AT)));

    MessageRef main = open(incident);

    String visible = slack.server.message(ORDERS, main.id()).visible();
    assertThat(visible).contains("&lt;!channel&gt; look &amp; &lt;https://evil.example.com|click here&gt;")
        .contains("&lt;@U0BOSS01&gt; board pack")
        .doesNotContain("<!channel>").doesNotContain("<https://evil").doesNotContain("<@U0BOSS01>");
  }

  @Test
  void anIncidentWithoutASlackMessageGetsOneOnItsNextChange() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef console = new MessageRef("console", null, "k");

    SinkResult result = slack.sink.deliver(input(DeliveryIntent.ACKNOWLEDGED,
        Incidents.acknowledged(incident, ALICE, Duration.ofMinutes(3)), console));

    assertThat(result.message().sink()).isEqualTo(SlackSink.NAME);
    assertThat(slack.server.messages(ORDERS)).singleElement()
        .satisfies(post -> assertThat(post.visible()).contains("Acknowledged by <@U0ALICE01>"));
  }

  @Test
  void slackRefusalsFailTheActivityWithTheReasonAndRetry() {
    IncidentProduct product = new IncidentProduct(new ProductId("sales", "returns"), null, "team-orders", null,
        List.of(), "C0MISSING1", false, "warehouse");

    assertThatThrownBy(() -> open(Incidents.open(product, List.of())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("SLACK_REFUSED");
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).contains("chat.postMessage failed: channel_not_found")
              .contains("is meshwatch's Slack app in it");
        });
  }

  @Test
  void aWrongTokenIsReportedAsSuch() throws Exception {
    try (SlackFixture wrong = new SlackFixture(50, s -> s, o -> o, SlackFixture.TEAMS, "xoxb-not-the-right-one")) {
      assertThatThrownBy(() -> wrong.sink.deliver(input(DeliveryIntent.OPENED, Incidents.open(), null)))
          .isInstanceOfSatisfying(ApplicationFailure.class, failure ->
              assertThat(failure.getOriginalMessage()).contains("invalid_auth").contains("check slack.bot_token"));
    }
  }

  @Test
  void aTooManyRequestsIsWaitedOutWithinTheActivity() throws Exception {
    // The client paces nothing, so Slack's limit answers 429 and the client honours Retry-After.
    try (SlackFixture eager = new SlackFixture(2, s -> s.withChannelInterval(Duration.ZERO), o -> o, SlackFixture.TEAMS)) {
      IncidentSnapshot incident = Incidents.open();
      MessageRef main = eager.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
      eager.sink.deliver(input(DeliveryIntent.REMINDER, incident, main));

      assertThat(eager.server.rateLimitedCalls()).isEqualTo(1);
      assertThat(eager.server.acceptedPosts()).hasSize(2);
      assertThat(eager.server.replies(ORDERS, main.id())).hasSize(1);
    }
  }

  @Test
  void aRateLimitLongerThanTheActivityMayWaitFailsItWithTheNextRetryDelay() throws Exception {
    try (SlackFixture impatient = new SlackFixture(2,
        s -> s.withChannelInterval(Duration.ZERO).withMaxRateLimitWait(Duration.ofMillis(500)), o -> o, SlackFixture.TEAMS)) {
      IncidentSnapshot incident = Incidents.open();
      MessageRef main = impatient.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();

      assertThatThrownBy(() -> impatient.sink.deliver(input(DeliveryIntent.REMINDER, incident, main)))
          .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo("SLACK_RATE_LIMITED");
            assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(1));
          });
    }
  }

  @Test
  void anIncidentOpenedInADigestHasItsChangesRepliedUnderTheDigestWhichIsNeverEdited() throws Exception {
    // A minute's window (1.2 s of wall time at 50×): the second opening must land in the first's
    // window however slowly a loaded machine runs the test between the two.
    try (SlackFixture stormy = new SlackFixture(50, s -> s.withDigest(1, Duration.ofMinutes(1)), o -> o, SlackFixture.TEAMS)) {
      IncidentSnapshot first = Incidents.open(Incidents.product("sales", "first", "team-orders"), List.of());
      IncidentSnapshot second = Incidents.open(Incidents.product("sales", "second", "team-orders"),
          List.of(Incidents.completeness(Incidents.OPENED_AT)));
      stormy.sink.deliver(input(DeliveryIntent.OPENED, first, null));

      MessageRef digest = stormy.sink.deliver(input(DeliveryIntent.OPENED, second, null)).message();

      assertThat(digest.sink()).isEqualTo(SlackSink.DIGEST);
      LocalSlackServer.StoredMessage post = stormy.server.message(ORDERS, digest.id());
      assertThat(post.memberKeys()).containsExactly(input(DeliveryIntent.OPENED, second, null).key());
      assertThat(post.visible()).contains("sales/second").contains("70 of 1,000 rows incomplete").contains(SlackActions.ACKNOWLEDGE);

      stormy.sink.deliver(input(DeliveryIntent.RESOLVED,
          Incidents.resolved(second, Resolution.EXPECTED, ALICE, Duration.ofMinutes(20)), digest));

      assertThat(stormy.server.calls("chat.update")).isEmpty();
      assertThat(stormy.server.replies(ORDERS, digest.id())).singleElement()
          .satisfies(reply -> assertThat(reply.text()).contains("Resolved after 20m: the breach was expected"));
    }
  }

  private static JsonNode actions(LocalSlackServer.StoredMessage message) {
    for (JsonNode block : message.blocks()) {
      if ("actions".equals(block.path("type").asText())) {
        return block.path("elements");
      }
    }
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
  }

  private static List<String> actionIds(LocalSlackServer.StoredMessage message) {
    List<String> ids = new ArrayList<>();
    actions(message).forEach(e -> ids.add(e.path("action_id").asText()));
    return ids;
  }

  private static List<String> optionValues(JsonNode select) {
    List<String> values = new ArrayList<>();
    select.path("options").forEach(o -> values.add(o.path("value").asText()));
    return values;
  }
}
