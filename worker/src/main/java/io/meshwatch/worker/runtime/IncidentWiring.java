package io.meshwatch.worker.runtime;

import io.meshwatch.activities.store.OutboxStore;
import io.meshwatch.alerts.IncidentActivitiesImpl;
import io.meshwatch.alerts.IncidentLinks;
import io.meshwatch.alerts.IncidentSink;
import io.meshwatch.alerts.Secret;
import io.meshwatch.alerts.console.ConsoleSink;
import io.meshwatch.alerts.outbox.DeliveryOutbox;
import io.meshwatch.alerts.slack.SlackSettings;
import io.meshwatch.alerts.slack.SlackSink;
import io.meshwatch.alerts.slack.TeamDirectory;
import io.meshwatch.alerts.webhook.WebhookSettings;
import io.meshwatch.alerts.webhook.WebhookSink;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.SecretSource;
import io.meshwatch.worker.config.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds incident delivery from worker config: Slack when a bot token is found, the webhook when a
 * URL is set, the console when {@code alerts.console}; all through the PostgreSQL outbox, so a
 * delivery retried after a crash, or after a restart, sends nothing twice. Slack comes first: its
 * message is the incident's main message. Secrets are read here and go only into the sinks.
 */
final class IncidentWiring {

  private IncidentWiring() {}

  /** The delivery activities, and the sinks to close when the worker stops. */
  record Delivery(IncidentActivitiesImpl activities, List<AutoCloseable> closeables) {}

  /** Every sink is counted in {@code registry} ({@link MeteredIncidentSink}). */
  static Delivery delivery(WorkerConfig config, ConfigLoader secrets, OutboxStore outboxStore, PrintStream alertsOut,
      MeterRegistry registry) {
    DeliveryOutbox outbox = new StoreOutbox(outboxStore);
    IncidentLinks links = new IncidentLinks(config.links().dashboardUrl(), config.links().runbookUrl());
    List<IncidentSink> sinks = new ArrayList<>();
    List<AutoCloseable> closeables = new ArrayList<>();
    WorkerConfig.Slack slack = config.slack();
    Optional<String> token = SecretSource.of("slack.bot_token", slack.botTokenEnv(), slack.botTokenFile())
        .map(secrets::secret)
        .filter(value -> !value.isBlank());
    if (token.isPresent()) {
      SlackSettings settings = SlackSettings.of(Secret.of(token.get()), slack.apiBaseUrl(), slack.platformChannel(),
          slack.digestAfter(), slack.digestWindow());
      SlackSink sink = SlackSink.create(settings, teams(config.teams()), links, outbox);
      sinks.add(sink);
      closeables.add(sink);
    }
    WorkerConfig.Webhook webhook = config.alerts().webhook();
    if (webhook.enabled()) {
      String secret = SecretSource.of("alerts.webhook.secret", webhook.secretEnv(), webhook.secretFile())
          .map(secrets::secret)
          .filter(value -> !value.isBlank())
          .orElse(null);
      sinks.add(new WebhookSink(WebhookSettings.of(webhook.url(), secret == null ? null : Secret.of(secret)), outbox, links));
    }
    if (config.alerts().console()) {
      sinks.add(new ConsoleSink(alertsOut, outbox));
    }
    List<IncidentSink> metered = sinks.stream().<IncidentSink>map(sink -> new MeteredIncidentSink(sink, registry)).toList();
    return new Delivery(new IncidentActivitiesImpl(metered), closeables);
  }

  private static TeamDirectory teams(Map<String, WorkerConfig.Team> teams) {
    Map<String, TeamDirectory.TeamRoute> routes = new LinkedHashMap<>();
    teams.forEach((name, team) -> routes.put(name, new TeamDirectory.TeamRoute(team.slackChannel(), team.consumerNotices())));
    return TeamDirectory.of(routes);
  }
}
