package io.meshwatch.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.Secret;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.model.ProductId;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared control values, the outbox's Slack message ids, and settings that refuse bad input. */
class SlackActionsTest {

  private static final String INCIDENT = "incident/sales/orders-daily/1795248000000";

  @Test
  void selectValuesCarryTheIncidentAndTheChoiceAndParseBack() {
    SlackActions.ActionValue snooze = SlackActions.parse(SlackActions.snoozeValue(INCIDENT, SlackActions.SNOOZE_CHOICES.get(2)));
    SlackActions.ActionValue resolve = SlackActions.parse(SlackActions.resolveValue(INCIDENT, Resolution.FALSE_POSITIVE));

    assertThat(snooze.incidentId()).isEqualTo(INCIDENT);
    assertThat(snooze.argument()).isEqualTo("P1D");
    assertThat(snooze.snooze()).isEqualTo(Duration.ofDays(1));
    assertThat(resolve.resolution()).isEqualTo(Resolution.FALSE_POSITIVE);
  }

  @Test
  void valuesTheControlsNeverOfferAreRefused() {
    assertThatThrownBy(() -> SlackActions.parse("no-separator")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlackActions.parse(INCIDENT + "|PT5M").snooze()).hasMessageContaining("not an offered snooze");
    assertThatThrownBy(() -> SlackActions.parse(INCIDENT + "|recovered").resolution())
        .hasMessageContaining("not an offered resolution");
  }

  @Test
  void anOutboxMessageIdNamesChannelTsAndWhetherItIsADigest() {
    Posted digest = new Posted("C1", "1795248001.000100", true);

    assertThat(digest.outboxId()).isEqualTo("C1/1795248001.000100#digest");
    assertThat(Posted.fromOutbox(digest.outboxId(), "ignored")).isEqualTo(digest);
    assertThat(Posted.fromOutbox("1795248001.000100", "C9")).isEqualTo(new Posted("C9", "1795248001.000100", false));
  }

  @Test
  void settingsRefuseBadValuesAndFillDefaults() {
    SlackSettings settings = SlackSettings.of(Secret.of("xoxb-x"), "http://127.0.0.1:1/api", " ", null, null);

    assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:1/api/"));
    assertThat(settings.platformChannel()).isNull();
    assertThat(settings.digestAfter()).isEqualTo(5);
    assertThat(settings.digestWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.channelInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(SlackSettings.of(Secret.of("xoxb-x"), null, null, 5, null).apiBaseUrl()).isEqualTo(SlackSettings.DEFAULT_API_BASE_URL);
    assertThatThrownBy(() -> SlackSettings.of(Secret.of("xoxb-x"), "ftp://x", null, 5, null)).hasMessageContaining("slack.api_base_url");
    assertThatThrownBy(() -> SlackSettings.of(Secret.of("xoxb-x"), null, null, 0, null)).hasMessageContaining("slack.digest_after");
    assertThatThrownBy(() -> SlackSettings.of(Secret.of("xoxb-x"), null, null, 5, Duration.ZERO)).hasMessageContaining("slack.digest_window");
    assertThatThrownBy(() -> SlackSettings.of(null, null, null, 5, null)).hasMessageContaining("slack.bot_token");
    assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void linkTemplatesExpandTheProductAndRefuseWhatIsNotAUrl() {
    IncidentLinks links = new IncidentLinks("https://grafana.example.com/d/p?domain={domain}&name={name}", null);

    assertThat(links.dashboard(new ProductId("sales", "orders"))).contains(URI.create("https://grafana.example.com/d/p?domain=sales&name=orders"));
    assertThat(links.runbook(new ProductId("sales", "orders"))).isEmpty();
    assertThatThrownBy(() -> new IncidentLinks("javascript:alert(1)", null)).hasMessageContaining("links.dashboard_url");
  }
}
