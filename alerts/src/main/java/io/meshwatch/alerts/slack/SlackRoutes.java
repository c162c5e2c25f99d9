package io.meshwatch.alerts.slack;

import io.meshwatch.alerts.DeliveryFailure;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.model.ConsumerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which channel hears what: the owner's channel from the spec's override or the teams directory (the
 * platform channel, with a note, when the team has none); the platform channel from config (also the
 * owner channel of the source-unavailable incident, whose owner is {@value #PLATFORM_TEAM}); and the
 * channels of consumer teams that take notices.
 */
final class SlackRoutes {

  /** The owner team id of the source-unavailable pseudo-product. */
  static final String PLATFORM_TEAM = "platform";

  /** The owner's channel, and why it is not the owner's own when it is not. */
  record OwnerChannel(String channel, String note) {}

  /** A consumer team's channel, with the team and its use cases (several teams may share a channel). */
  record ConsumerChannel(String channel, List<ConsumerSpec> consumers) {}

  private final TeamDirectory teams;
  private final String platformChannel;

  SlackRoutes(TeamDirectory teams, String platformChannel) {
    this.teams = Objects.requireNonNull(teams, "teams");
    this.platformChannel = platformChannel;
  }

  OwnerChannel owner(IncidentProduct product) {
    if (product.slackChannel() != null && !product.slackChannel().isBlank()) {
      return new OwnerChannel(product.slackChannel().strip(), null);
    }
    if (PLATFORM_TEAM.equals(product.owner()) && platformChannel != null) {
      return new OwnerChannel(platformChannel, null);
    }
    Optional<String> team = teams.find(product.owner()).map(TeamDirectory.TeamRoute::slackChannel);
    if (team.isPresent()) {
      return new OwnerChannel(team.get(), null);
    }
    if (platformChannel != null) {
      return new OwnerChannel(platformChannel, "No Slack channel is configured for team " + product.owner()
          + " (teams directory or spec.alerts.slack_channel), so this incident is posted here.");
    }
    // Retryable: once the directory or the spec names a channel, the retry delivers.
    throw DeliveryFailure.BAD_INPUT.retryable("no Slack channel for team " + product.owner() + " of " + product.id()
        + ": add it to the teams directory or set spec.alerts.slack_channel (and slack.platform_channel as a fallback)");
  }

  Optional<String> platform() {
    return Optional.ofNullable(platformChannel);
  }

  /**
   * The channels of the product's consumer teams that take notices: every consumer team with a
   * channel when the spec asks for it, else those whose directory entry opted in. One entry per channel.
   */
  List<ConsumerChannel> consumers(IncidentProduct product) {
    Map<String, List<ConsumerSpec>> byChannel = new LinkedHashMap<>();
    for (ConsumerSpec consumer : product.consumers()) {
      teams.find(consumer.team())
          .filter(route -> route.slackChannel() != null && (product.notifyConsumers() || route.consumerNotices()))
          .ifPresent(route -> byChannel.computeIfAbsent(route.slackChannel(), c -> new ArrayList<>()).add(consumer));
    }
    return byChannel.entrySet().stream().map(e -> new ConsumerChannel(e.getKey(), List.copyOf(e.getValue()))).toList();
  }
}
