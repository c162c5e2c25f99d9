package io.meshwatch.worker.api;

import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.worker.config.ConfigException;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.ConfigProblem;
import io.meshwatch.worker.config.SecretSource;
import io.meshwatch.worker.config.WorkerConfig;
import io.temporal.client.WorkflowClient;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wires the incident endpoints from the worker config: the incident API, guarded by {@code auth}
 * (the resolved {@code http.api_tokens}), and {@code POST /slack/interactions} when a signing secret is found
 * (without one the path does not exist). Secrets are read through {@link ConfigLoader#secret} and
 * go nowhere else.
 */
public final class IncidentRoutes {

  private IncidentRoutes() {}

  /** The groups to hand to {@link HttpApi#start}. */
  public static List<RouteGroup> fromConfig(
      WorkerConfig config, ConfigLoader secrets, IncidentStore store, WorkflowClient client, Clock clock, CommandAuth auth)
      throws ConfigException {
    IncidentActions actions = new IncidentActions(store, new TemporalIncidentCommands(client));
    List<RouteGroup> groups = new ArrayList<>();
    groups.add(new IncidentApi(store, actions, auth));
    signingSecret(config.slack(), secrets)
        .ifPresent(secret -> groups.add(new SlackInteractions(new SlackSignature(secret, clock), actions)));
    return groups;
  }

  private static Optional<byte[]> signingSecret(WorkerConfig.Slack slack, ConfigLoader secrets) throws ConfigException {
    Optional<SecretSource> source = SecretSource.of("slack.signing_secret", slack.signingSecretEnv(), slack.signingSecretFile());
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String secret;
    try {
      secret = secrets.secret(source.get());
    } catch (UncheckedIOException e) {
      throw new ConfigException("slack", List.of(new ConfigProblem("slack.signing_secret", "cannot read " + source.get().describe())));
    }
    return secret == null || secret.isBlank() ? Optional.empty() : Optional.of(secret.getBytes(StandardCharsets.UTF_8));
  }
}
