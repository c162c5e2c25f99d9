package io.meshwatch.alerts.slack;

import static io.meshwatch.alerts.Incidents.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.Secret;
import io.meshwatch.alerts.outbox.InMemoryDeliveryOutbox;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.IncidentSnapshot;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against real Slack, when {@code MESHWATCH_LIVE_SLACK_TOKEN} (a bot token with chat:write and
 * channels:history) and {@code MESHWATCH_LIVE_SLACK_CHANNEL} (a channel id the bot is in) are set:
 * an incident opened, acknowledged and resolved in place, and an opening retried after a crash found
 * by its metadata instead of posted twice. Skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_SLACK_TOKEN", matches = ".+")
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_SLACK_CHANNEL", matches = ".+")
class SlackLiveTest {

  private final String channel = System.getenv("MESHWATCH_LIVE_SLACK_CHANNEL");

  private SlackSink sink(io.meshwatch.alerts.outbox.DeliveryOutbox outbox) {
    SlackSettings settings = SlackSettings.of(Secret.of(System.getenv("MESHWATCH_LIVE_SLACK_TOKEN")), null, null, 5, null);
    return SlackSink.create(settings, TeamDirectory.of(java.util.Map.of()), IncidentLinks.none(), outbox);
  }

  private IncidentSnapshot incident() {
    IncidentProduct product = new IncidentProduct(new ProductId("meshwatch", "live-test"),
        "meshwatch's live Slack test; safe to ignore", "meshwatch-dev", null, List.of(), channel, false, "none");
    IncidentSnapshot open = Incidents.open(product, List.of(Incidents.completeness(Instant.now())));
    return new IncidentSnapshot("incident/meshwatch/live-test/" + Instant.now().toEpochMilli(), product, open.state(),
        open.productState(), Instant.now(), Instant.now(), open.failing(), null, null, null, null, null, null, null);
  }

  @Test
  void anIncidentIsOpenedAcknowledgedAndResolvedInPlace() throws Exception {
    try (SlackSink slack = sink(new InMemoryDeliveryOutbox())) {
      IncidentSnapshot incident = incident();
      MessageRef main = slack.deliver(input(DeliveryIntent.OPENED, incident, null)).message();
      assertThat(main.channel()).isEqualTo(channel);

      Actor tester = new Actor("live-test", "cli");
      assertThat(slack.deliver(input(DeliveryIntent.ACKNOWLEDGED, Incidents.acknowledged(incident, tester, Duration.ZERO), main))
          .sent()).isTrue();
      assertThat(slack.deliver(input(DeliveryIntent.RESOLVED,
          Incidents.resolved(incident, Resolution.FALSE_POSITIVE, tester, Duration.ofMinutes(1)), main)).sent()).isTrue();
    }
  }

  @Test
  void anOpeningRetriedAfterACrashIsFoundByItsMetadata() throws Exception {
    InMemoryDeliveryOutbox records = new InMemoryDeliveryOutbox();
    SlackExactlyOnceTest.CrashBeforeMarkSent crashing = new SlackExactlyOnceTest.CrashBeforeMarkSent(records);
    try (SlackSink slack = sink(crashing)) {
      DeliveryInput opened = input(DeliveryIntent.OPENED, incident(), null);
      crashing.crashes.set(1);
      assertThatThrownBy(() -> slack.deliver(opened)).hasMessageContaining("worker killed");

      var retried = slack.deliver(opened);

      assertThat(retried.sent()).isFalse();
      assertThat(records.find(opened.key()).sent()).isTrue();
      slack.deliver(input(DeliveryIntent.RESOLVED, Incidents.resolved(opened.incident(), Resolution.FALSE_POSITIVE,
          new Actor("live-test", "cli"), Duration.ofMinutes(1)), retried.message()));
    }
  }
}
