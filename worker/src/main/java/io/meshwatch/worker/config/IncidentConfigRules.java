package io.meshwatch.worker.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the sections incidents and escalation read — {@code slack}, {@code links},
 * {@code escalation}, {@code teams}, {@code alerts.webhook} and {@code http.api_tokens} — beyond
 * their types. Messages never repeat a value that may be a secret.
 */
final class IncidentConfigRules {

  /** A Slack channel name ({@code #orders-alerts}) or id ({@code C0123456789}); the same rule specs follow. */
  static final Pattern SLACK_CHANNEL = Pattern.compile("#[a-z0-9][a-z0-9_-]{0,79}|[CG][A-Z0-9]{8,20}");
  /** Team ids are what specs name as {@code metadata.owner}: lower-case DNS labels. */
  private static final Pattern TEAM_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  /** API token names become the actor of what the token does, so they read like a user name. */
  private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  /** What an API token may be: see io.meshwatch.worker.api.ApiRole. */
  private static final List<String> API_ROLES = List.of("platform", "owner", "viewer");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  /** A digest holds alerts back for its window; longer than this, an owner hears of a breach too late. */
  private static final Duration MAX_DIGEST_WINDOW = Duration.ofMinutes(5);

  private IncidentConfigRules() {}

  static void check(WorkerConfig c, List<ConfigProblem> problems) {
    // A section set to null in the file: report it instead of checking what is not there.
    boolean complete = section("slack", c.slack(), problems)
        & section("links", c.links(), problems)
        & section("escalation", c.escalation(), problems)
        & section("alerts", c.alerts(), problems)
        & section("http", c.http(), problems);
    if (!complete) {
      return;
    }
    slack(c.slack(), problems);
    links(c.links(), problems);
    escalation(c.escalation(), problems);
    teams(c.teams(), problems);
    webhook(c.alerts().webhook(), problems);
    apiTokens(c.http().apiTokens(), problems);
  }

  private static boolean section(String path, Object value, List<ConfigProblem> problems) {
    if (value == null) {
      problems.add(new ConfigProblem(path, "must be a mapping"));
    }
    return value != null;
  }

  private static void slack(WorkerConfig.Slack s, List<ConfigProblem> problems) {
    secretSource("slack.bot_token", s.botTokenEnv(), s.botTokenFile(), problems);
    secretSource("slack.signing_secret", s.signingSecretEnv(), s.signingSecretFile(), problems);
    if (s.apiBaseUrl() == null) {
      problems.add(new ConfigProblem("slack.api_base_url", "required (Slack's is https://slack.com/api/)"));
    } else {
      url("slack.api_base_url", s.apiBaseUrl(), true, problems);
    }
    channel("slack.platform_channel", s.platformChannel(), problems);
    if (s.digestAfter() < 1) {
      problems.add(new ConfigProblem("slack.digest_after", "must be at least 1, got " + s.digestAfter()));
    }
    if (s.digestWindow() == null || s.digestWindow().isNegative() || s.digestWindow().isZero()) {
      problems.add(new ConfigProblem("slack.digest_window", "must be a positive duration such as 1m"));
    } else if (s.digestWindow().compareTo(MAX_DIGEST_WINDOW) > 0) {
      problems.add(new ConfigProblem("slack.digest_window", "must be at most 5m: an opening in a digest waits for its window, within the delivery's 10-minute limit"));
    }
  }

  private static void links(WorkerConfig.Links links, List<ConfigProblem> problems) {
    template("links.dashboard_url", links.dashboardUrl(), problems);
    template("links.runbook_url", links.runbookUrl(), problems);
  }

  private static void template(String path, String template, List<ConfigProblem> problems) {
    if (template == null) {
      return;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!m.group().equals(WorkerConfig.Links.DOMAIN) && !m.group().equals(WorkerConfig.Links.NAME)) {
        problems.add(new ConfigProblem(path, "unknown placeholder " + m.group() + "; use {domain} and {name}"));
        return;
      }
    }
    url(path, new WorkerConfig.Links(template, null).dashboardFor("orders", "orders-daily"), false, problems);
  }

  private static void escalation(WorkerConfig.Escalation e, List<ConfigProblem> problems) {
    boolean steward = notNegative("escalation.steward_after", e.stewardAfter(), problems);
    boolean platform = notNegative("escalation.platform_after", e.platformAfter(), problems);
    if (notNegative("escalation.reminder_every", e.reminderEvery(), problems) && e.reminderEvery().isZero()) {
      problems.add(new ConfigProblem("escalation.reminder_every", "must be longer than 0"));
    }
    if (steward && platform && e.platformAfter().compareTo(e.stewardAfter()) <= 0) {
      problems.add(new ConfigProblem("escalation.platform_after", "must be later than steward_after ("
          + HumanDuration.format(e.stewardAfter()) + "), got " + HumanDuration.format(e.platformAfter())));
    }
  }

  private static boolean notNegative(String path, Duration duration, List<ConfigProblem> problems) {
    if (duration == null) {
      problems.add(new ConfigProblem(path, "required (a duration such as 30m or 2h)"));
      return false;
    }
    if (duration.isNegative()) {
      problems.add(new ConfigProblem(path, "must not be negative"));
      return false;
    }
    return true;
  }

  private static void teams(Map<String, WorkerConfig.Team> teams, List<ConfigProblem> problems) {
    new TreeMap<>(teams).forEach((id, team) -> {
      String path = "teams." + id;
      if (!TEAM_ID.matcher(id).matches()) {
        problems.add(new ConfigProblem(path, "must be a team id as specs name it in metadata.owner (a lower-case DNS label)"));
      }
      if (team == null) {
        problems.add(new ConfigProblem(path, "must be a mapping with slack_channel, members and consumer_notices"));
        return;
      }
      channel(path + ".slack_channel", team.slackChannel(), problems);
      for (int i = 0; i < team.members().size(); i++) {
        String member = team.members().get(i);
        if (member == null || member.isBlank()) {
          problems.add(new ConfigProblem(path + ".members[" + i + "]", "must not be empty"));
        }
      }
    });
  }

  private static void webhook(WorkerConfig.Webhook w, List<ConfigProblem> problems) {
    secretSource("alerts.webhook.secret", w.secretEnv(), w.secretFile(), problems);
    if (w.url() != null) {
      url("alerts.webhook.url", w.url(), false, problems);
    } else if (w.secretEnv() != null || w.secretFile() != null) {
      problems.add(new ConfigProblem("alerts.webhook.url", "required when a webhook secret is named"));
    }
  }

  private static void apiTokens(Map<String, WorkerConfig.ApiToken> tokens, List<ConfigProblem> problems) {
    new TreeMap<>(tokens).forEach((name, token) -> {
      String path = "http.api_tokens." + name;
      if (!TOKEN_NAME.matcher(name).matches()) {
        problems.add(new ConfigProblem(path, "must be a name (letters, digits, '_', '.', '@' and '-', at most 64): it is recorded"
            + " as who acted"));
      }
      if (token == null || (token.tokenEnv() == null && token.tokenFile() == null)) {
        problems.add(new ConfigProblem(path, "needs token_env or token_file"));
        return;
      }
      secretSource(path + ".token", token.tokenEnv(), token.tokenFile(), problems);
      role(path, token, problems);
    });
  }

  /**
   * A role is platform, owner or viewer; an owner names the domains it owns (what specs call
   * {@code metadata.domain}), and only an owner names any: domains on a platform or viewer token
   * would read as a limit that is not applied.
   */
  private static void role(String path, WorkerConfig.ApiToken token, List<ConfigProblem> problems) {
    String role = token.role() == null ? "platform" : token.role();
    if (!API_ROLES.contains(role)) {
      problems.add(new ConfigProblem(path + ".role", "must be one of " + API_ROLES + ", got '" + printable(role) + "'"));
      return;
    }
    if (role.equals("owner") && token.domains().isEmpty()) {
      problems.add(new ConfigProblem(path + ".domains", "required for role owner: the domains whose incidents and products"
          + " this token acts on, such as [orders]"));
    }
    if (!role.equals("owner") && !token.domains().isEmpty()) {
      problems.add(new ConfigProblem(path + ".domains", "only for role owner; a " + role + " token is not limited to domains"));
    }
    for (int i = 0; i < token.domains().size(); i++) {
      String domain = token.domains().get(i);
      if (domain == null || !TEAM_ID.matcher(domain).matches()) {
        problems.add(new ConfigProblem(path + ".domains[" + i + "]", "must be a domain as specs name it in metadata.domain"
            + " (a lower-case DNS label), got '" + printable(String.valueOf(domain)) + "'"));
      }
    }
  }

  private static String printable(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** {@code *_env} names a variable and {@code *_file} a path; the value itself never goes in the file, nor in a message. */
  private static void secretSource(String path, String env, String file, List<ConfigProblem> problems) {
    if (env != null && !ENV_NAME.matcher(env).matches()) {
      problems.add(new ConfigProblem(path + "_env",
          "must name an environment variable (letters, digits and '_', not starting with a digit), not hold the secret itself"));
    }
    if (file != null && file.isBlank()) {
      problems.add(new ConfigProblem(path + "_file", "must be a file path"));
    }
  }

  private static void channel(String path, String channel, List<ConfigProblem> problems) {
    if (channel != null && !SLACK_CHANNEL.matcher(channel).matches()) {
      problems.add(new ConfigProblem(path, "must be a Slack channel such as #data-platform (lower case) or a channel id such as"
          + " C0123ABCD9, got '" + channel + "'"));
    }
  }

  /**
   * An absolute http(s) URL with a host. With {@code httpsUnlessLoopback}, plain http is refused
   * except to this machine: what goes there carries a token. The value is not repeated: some
   * webhook URLs carry a secret in their path.
   */
  private static void url(String path, String value, boolean httpsUnlessLoopback, List<ConfigProblem> problems) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      problems.add(new ConfigProblem(path, "must be an http or https URL: " + e.getReason()));
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      problems.add(new ConfigProblem(path, "must be an absolute http or https URL with a host"));
    } else if (uri.getUserInfo() != null) {
      problems.add(new ConfigProblem(path, "must not contain credentials; name secrets with *_env or *_file"));
    } else if (httpsUnlessLoopback && scheme.equals("http") && !LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
      problems.add(new ConfigProblem(path, "must use https (http only to localhost): every call carries the bot token"));
    }
  }
}
