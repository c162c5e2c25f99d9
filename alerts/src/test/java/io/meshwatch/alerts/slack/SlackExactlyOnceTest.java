package io.meshwatch.alerts.slack;

import static io.meshwatch.alerts.Incidents.input;
import static io.meshwatch.alerts.slack.SlackFixture.FINANCE;
import static io.meshwatch.alerts.slack.SlackFixture.ML;
import static io.meshwatch.alerts.slack.SlackFixture.ORDERS;
import static io.meshwatch.alerts.slack.SlackFixture.STEWARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.outbox.OutboxEntry;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly one message per intent when an activity dies between Slack's answer and the outbox's
 * {@code markSent} (the worker killed mid-activity), or when Slack acted but its answer was lost:
 * Temporal retries with the same key, and the retry finds the message instead of posting it again.
 */
class SlackExactlyOnceTest {

  /** The worker dies after the post and before the outbox records it, for the next {@code n} sends. */
  static final class CrashBeforeMarkSent implements DeliveryOutbox {
    private final DeliveryOutbox outbox;
    final AtomicInteger crashes = new AtomicInteger();

    CrashBeforeMarkSent(DeliveryOutbox outbox) {
      this.outbox = outbox;
    }

    @Override
    public OutboxEntry claim(String key, String incidentId, String intent, String channel) {
      return outbox.claim(key, incidentId, intent, channel);
    }

    @Override
    public void markSent(String key, String messageId) {
      if (crashes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("worker killed before the outbox recorded " + key);
      }
      outbox.markSent(key, messageId);
    }
  }

  private SlackFixture slack;
  private CrashBeforeMarkSent crashing;

  @BeforeEach
  void start() throws Exception {
    slack = new SlackFixture(50, s -> s, o -> crashing = new CrashBeforeMarkSent(o), SlackFixture.TEAMS);
  }

  @AfterEach
  void stop() throws Exception {
    slack.close();
  }

  private void crashNext() {
    crashing.crashes.set(1);
  }

  @Test
  void anOpeningRetriedAfterACrashIsFoundNotPostedAgainAndTheNextRetryCallsNothing() {
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);
    crashNext();

    assertThatThrownBy(() -> slack.sink.deliver(opened)).hasMessageContaining("worker killed");
    assertThat(slack.server.messages(ORDERS)).hasSize(1);
    assertThat(slack.records.find(opened.key())).satisfies(entry -> {
      assertThat(entry.sent()).isFalse();
      assertThat(entry.attempts()).isEqualTo(1);
    });

    SinkResult retried = slack.sink.deliver(opened);

    assertThat(slack.server.messages(ORDERS)).singleElement()
        .satisfies(only -> assertThat(retried.message()).isEqualTo(new MessageRef(SlackSink.NAME, ORDERS, only.ts())));
    assertThat(retried.sent()).isFalse();
    assertThat(slack.server.calls()).extracting(LocalSlackServer.Call::method)
        .containsExactly("chat.postMessage", "conversations.history");
    assertThat(slack.server.calls("conversations.history").getFirst().params())
        .containsEntry("include_all_metadata", "1").containsKey("oldest");
    assertThat(slack.records.find(opened.key()).sent()).isTrue();

    int callsBefore = slack.server.calls().size();
    SinkResult again = slack.sink.deliver(opened);

    assertThat(slack.server.calls()).hasSize(callsBefore);
    assertThat(again.message()).isEqualTo(retried.message());
    assertThat(again.sent()).isFalse();
  }

  @Test
  void aRetryWhoseEarlierAttemptPostedNothingPostsOnce() {
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);
    slack.server.failNext("chat.postMessage", "fatal_error");

    assertThatThrownBy(() -> slack.sink.deliver(opened)).isInstanceOf(ApplicationFailure.class);
    SinkResult retried = slack.sink.deliver(opened);

    assertThat(retried.sent()).isTrue();
    assertThat(slack.server.messages(ORDERS)).singleElement()
        .satisfies(only -> assertThat(only.ts()).isEqualTo(retried.message().id()));
  }

  @Test
  void anOpeningWhoseAnswerWasLostIsFoundByItsMetadata() {
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);
    slack.server.dropNextResponse("chat.postMessage");

    assertThatThrownBy(() -> slack.sink.deliver(opened))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("SLACK_UNAVAILABLE"));
    SinkResult retried = slack.sink.deliver(opened);

    assertThat(slack.server.messages(ORDERS)).singleElement()
        .satisfies(only -> assertThat(only.ts()).isEqualTo(retried.message().id()));
  }

  @Test
  void aThreadReplyRetriedAfterACrashIsFoundInTheThread() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = slack.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
    DeliveryInput reminder = input(DeliveryIntent.REMINDER, Incidents.at(incident, Duration.ofHours(1)), main);
    crashNext();

    assertThatThrownBy(() -> slack.sink.deliver(reminder)).hasMessageContaining("worker killed");
    slack.sink.deliver(reminder);
    slack.sink.deliver(reminder);

    assertThat(slack.server.replies(ORDERS, main.id())).hasSize(1);
    assertThat(slack.server.calls("conversations.replies")).singleElement()
        .satisfies(call -> assertThat(call.params()).containsEntry("ts", main.id()).containsEntry("include_all_metadata", "1"));
    assertThat(slack.server.calls("chat.postMessage")).hasSize(2);
  }

  @Test
  void aResolutionRetriedAfterACrashRepeatsOnlyTheIdempotentEdit() {
    IncidentSnapshot incident = Incidents.open();
    MessageRef main = slack.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
    DeliveryInput resolved = input(DeliveryIntent.RESOLVED, Incidents.resolved(incident,
        io.meshwatch.workflows.incident.Resolution.RECOVERED, io.meshwatch.workflows.incident.Actor.MESHWATCH,
        Duration.ofMinutes(45)), main);
    crashNext();

    assertThatThrownBy(() -> slack.sink.deliver(resolved)).hasMessageContaining("worker killed");
    slack.sink.deliver(resolved);

    assertThat(slack.server.replies(ORDERS, main.id())).singleElement()
        .satisfies(reply -> assertThat(reply.text()).contains("the product is healthy again"));
    assertThat(slack.server.message(ORDERS, main.id()).text()).contains("resolved after 45m");
  }

  @Test
  void aStewardsDirectMessageRetriedAfterACrashIsFoundInTheConversation() {
    IncidentSnapshot incident = Incidents.at(Incidents.open(), Duration.ofMinutes(30));
    MessageRef main = slack.sink.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
    DeliveryInput escalation = input(DeliveryIntent.ESCALATED_TO_STEWARD, incident, main);
    crashNext();

    assertThatThrownBy(() -> slack.sink.deliver(escalation)).hasMessageContaining("worker killed");
    slack.sink.deliver(escalation);

    assertThat(slack.server.messages(LocalSlackServer.directChannel(STEWARD))).hasSize(1);
    assertThat(slack.server.calls("conversations.open")).singleElement()
        .satisfies(call -> assertThat(call.params()).containsEntry("users", STEWARD));
  }

  @Test
  void aNoticeToSeveralChannelsRetriedAfterACrashPostsOncePerChannel() {
    IncidentSnapshot opened = Incidents.open();
    IncidentProduct everyone = new IncidentProduct(opened.product().id(), null, "team-orders", null,
        opened.product().consumers(), null, true, "warehouse");
    IncidentSnapshot incident = Incidents.open(everyone, opened.failing());
    DeliveryInput notice = input(DeliveryIntent.CONSUMER_NOTICE, incident, null);
    crashNext();

    assertThatThrownBy(() -> slack.sink.deliver(notice)).hasMessageContaining("worker killed");
    assertThat(slack.server.messages(FINANCE)).hasSize(1);
    assertThat(slack.server.messages(ML)).isEmpty();
    slack.sink.deliver(notice);
    slack.sink.deliver(notice);

    assertThat(slack.server.messages(FINANCE)).hasSize(1);
    assertThat(slack.server.messages(ML)).hasSize(1);
  }
}
