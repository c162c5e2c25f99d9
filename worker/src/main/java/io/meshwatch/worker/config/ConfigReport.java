package io.meshwatch.worker.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code meshwatch config check} tells about a valid config beyond "ok": where each secret is
 * expected and whether it is there (never its value), and what that switches on or off.
 */
public final class ConfigReport {

  private ConfigReport() {}

  public static List<String> lines(WorkerConfig config, ConfigLoader loader) {
    List<String> lines = new ArrayList<>();
    List<SecretSource> sources = config.secretSources();
    lines.add(sources.isEmpty() ? "secrets: none named" : "secrets (values are never shown):");
    for (SecretSource source : sources) {
      lines.add("  " + source.path() + ": " + loader.availability(source).description());
    }

    boolean botToken = available(loader, config.slack().botTokenEnv(), config.slack().botTokenFile());
    boolean signingSecret = available(loader, config.slack().signingSecretEnv(), config.slack().signingSecretFile());
    lines.add("slack: " + (botToken ? "on, through " + config.slack().apiBaseUrl() : "off (no bot token)"));
    lines.add("slack interactivity: " + (signingSecret
        ? "on (POST /slack/interactions)"
        : "off (no signing secret: POST /slack/interactions answers 404)"));
    if (botToken && !signingSecret) {
      lines.add("warning: Slack messages will carry buttons that cannot work without the signing secret");
    }
    if (botToken && config.slack().platformChannel() == null) {
      lines.add("warning: no slack.platform_channel: escalations stop at the steward");
    }
    int tokens = config.http().apiTokens().size();
    lines.add("http api: " + (tokens == 0
        ? "acknowledge, snooze and resolve accept loopback callers only (http.api_tokens is empty)"
        : "acknowledge, snooze and resolve need a bearer token (" + tokens + " configured: "
            + String.join(", ", new java.util.TreeSet<>(config.http().apiTokens().keySet())) + ")"));
    WorkerConfig.Escalation e = config.escalation();
    lines.add("escalation: steward after " + HumanDuration.format(e.stewardAfter()) + ", platform after "
        + HumanDuration.format(e.platformAfter()) + ", reminders every " + HumanDuration.format(e.reminderEvery()));
    return lines;
  }

  /** Whether a secret would be found, without reading it. */
  private static boolean available(ConfigLoader loader, String env, String file) {
    return SecretSource.of("", env, file).map(source -> loader.availability(source).found()).orElse(false);
  }
}
