package io.meshwatch.alerts.slack;

import java.util.Map;
import java.util.Optional;

/**
 * The teams directory of worker config, as the Slack sink needs it: a team's channel and whether it
 * takes consumer notices. A port, so the worker adapts its config and tests pass a map.
 */
@FunctionalInterface
public interface TeamDirectory {

  Optional<TeamRoute> find(String team);

  static TeamDirectory of(Map<String, TeamRoute> teams) {
    Map<String, TeamRoute> copy = Map.copyOf(teams);
    return team -> team == null ? Optional.empty() : Optional.ofNullable(copy.get(team));
  }

  /** A team's Slack channel (an id such as {@code C0123ABCD} is best) and its consumer-notice opt-in. */
  record TeamRoute(String slackChannel, boolean consumerNotices) {
    public TeamRoute {
      slackChannel = slackChannel == null || slackChannel.isBlank() ? null : slackChannel.strip();
    }
  }
}
