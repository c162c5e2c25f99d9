package io.meshwatch.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.incident.EscalationLadder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys incidents and escalation read: slack, links, escalation, teams, alerts.webhook, http.api_tokens. */
class IncidentConfigTest {

  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("worker.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static List<String> problems(ConfigLoader loader, Path file) {
    try {
      loader.load(file);
    } catch (ConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("expected " + file + " to be refused");
  }

  @Test
  void defaultsLeaveSlackToTheEnvironmentAndUseTheDesignedLadder() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of()).defaults();

    assertThat(config.slack().botTokenEnv()).isEqualTo("SLACK_BOT_TOKEN");
    assertThat(config.slack().signingSecretEnv()).isEqualTo("SLACK_SIGNING_SECRET");
    assertThat(config.slack().apiBaseUrl()).isEqualTo("https://slack.com/api/");
    assertThat(config.slack().platformChannel()).isNull();
    assertThat(config.slack().digestAfter()).isEqualTo(5);
    assertThat(config.slack().digestWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.links().dashboardFor("orders", "orders-daily")).isNull();
    assertThat(config.escalation().ladder()).isEqualTo(EscalationLadder.defaults());
    assertThat(config.http().apiTokens()).isEmpty();
    assertThat(config.alerts().webhook().enabled()).isFalse();
  }

  @Test
  void fileValuesForEverySectionAreRead() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of()).load(file("""
        slack:
          bot_token_file: /run/secrets/slack-bot-token
          signing_secret_env: MY_SIGNING_SECRET
          api_base_url: http://localhost:9999/api
          platform_channel: "#data-platform-escalations"
          digest_after: 10
          digest_window: 90s
        links:
          dashboard_url: https://grafana.internal/d/product?var-domain={domain}&var-name={name}
          runbook_url: https://wiki.internal/runbooks/{domain}/{name}
        escalation: {steward_after: 15m, platform_after: 1h30m, reminder_every: 45m}
        teams:
          orders-platform-team: {slack_channel: C0123ABCD9, members: [lead@company.com], consumer_notices: true}
          finance: {slack_channel: "#finance"}
        alerts:
          webhook: {url: "https://hooks.internal/meshwatch", secret_env: WEBHOOK_SECRET}
        http:
          api_tokens:
            ci: {token_env: MESHWATCH_CI_TOKEN}
            oncall: {token_file: /run/secrets/oncall-token}
        """));

    assertThat(config.slack().botTokenFile()).isEqualTo("/run/secrets/slack-bot-token");
    assertThat(config.slack().apiBaseUrl()).as("a base URL always ends in /").isEqualTo("http://localhost:9999/api/");
    assertThat(config.slack().platformChannel()).isEqualTo("#data-platform-escalations");
    assertThat(config.slack().digestAfter()).isEqualTo(10);
    assertThat(config.slack().digestWindow()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.links().dashboardFor("orders", "orders-daily"))
        .isEqualTo("https://grafana.internal/d/product?var-domain=orders&var-name=orders-daily");
    assertThat(config.links().runbookFor("orders", "orders-daily")).isEqualTo("https://wiki.internal/runbooks/orders/orders-daily");
    assertThat(config.escalation().ladder())
        .isEqualTo(new EscalationLadder(Duration.ofMinutes(15), Duration.ofMinutes(90), Duration.ofMinutes(45)));
    assertThat(config.teams().get("orders-platform-team").consumerNotices()).isTrue();
    assertThat(config.teams().get("finance").consumerNotices()).isFalse();
    assertThat(config.alerts().webhook().enabled()).isTrue();
    assertThat(config.http().apiTokens()).containsOnlyKeys("ci", "oncall");
    assertThat(config.http().apiTokens().get("ci")).isEqualTo(new WorkerConfig.ApiToken("MESHWATCH_CI_TOKEN", null));
    assertThat(config.http().port()).as("the rest of http keeps its defaults").isEqualTo(8080);
  }

  @Test
  void everyNewKeyHasAnEnvironmentOverride() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of(
        "MESHWATCH_SLACK_PLATFORM_CHANNEL", "#platform",
        "MESHWATCH_SLACK_API_BASE_URL", "https://slack-gateway.internal/api",
        "MESHWATCH_SLACK_DIGEST_AFTER", "3",
        "MESHWATCH_ESCALATION_STEWARD_AFTER", "10m",
        "MESHWATCH_LINKS_RUNBOOK_URL", "https://wiki.internal/{name}",
        "MESHWATCH_ALERTS_WEBHOOK_URL", "https://hooks.internal/x"));

    WorkerConfig config = loader.load(file("slack:\n  platform_channel: \"#from-file\"\n"));

    assertThat(config.slack().platformChannel()).isEqualTo("#platform");
    assertThat(config.slack().apiBaseUrl()).isEqualTo("https://slack-gateway.internal/api/");
    assertThat(config.slack().digestAfter()).isEqualTo(3);
    assertThat(config.escalation().stewardAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.links().runbookFor("orders", "orders-daily")).isEqualTo("https://wiki.internal/orders-daily");
    assertThat(config.alerts().webhook().url()).isEqualTo("https://hooks.internal/x");
    assertThat(ConfigLoader.envName("slack.signing_secret_env")).isEqualTo("MESHWATCH_SLACK_SIGNING_SECRET_ENV");
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() throws Exception {
    Path bad = file("""
        slack:
          api_base_url: ftp://slack.example/api/
          platform_channel: data-platform
          digest_after: 0
          digest_window: 2h
        links:
          dashboard_url: https://grafana.internal/{product}
          runbook_url: wiki/{name}
        escalation: {steward_after: 2h, platform_after: 30m, reminder_every: 0s}
        teams:
          Orders_Team: {slack_channel: "#Orders"}
        alerts:
          webhook: {secret_env: WEBHOOK_SECRET}
        http:
          api_tokens:
            ci: {}
            "bad name": {token_file: /run/secrets/x}
        """);

    assertThat(problems(new ConfigLoader(Map.of()), bad)).containsExactlyInAnyOrder(
        "slack.api_base_url: must be an absolute http or https URL with a host",
        "slack.platform_channel: must be a Slack channel such as #data-platform (lower case) or a channel id such as C0123ABCD9,"
            + " got 'data-platform'",
        "slack.digest_after: must be at least 1, got 0",
        "slack.digest_window: must be at most 5m: an opening in a digest waits for its window, within the delivery's 10-minute limit",
        "links.dashboard_url: unknown placeholder {product}; use {domain} and {name}",
        "links.runbook_url: must be an absolute http or https URL with a host",
        "escalation.reminder_every: must be longer than 0",
        "escalation.platform_after: must be later than steward_after (2h), got 30m",
        "teams.Orders_Team: must be a team id as specs name it in metadata.owner (a lower-case DNS label)",
        "teams.Orders_Team.slack_channel: must be a Slack channel such as #data-platform (lower case) or a channel id such as"
            + " C0123ABCD9, got '#Orders'",
        "alerts.webhook.url: required when a webhook secret is named",
        "http.api_tokens.ci: needs token_env or token_file",
        "http.api_tokens.bad name: must be a name (letters, digits, '_', '.', '@' and '-', at most 64): it is recorded as who acted");
  }

  @Test
  void apiTokenRolesAreReadAndWrongOnesNamedByPath() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of()).load(file("""
        http:
          api_tokens:
            ci: {token_env: CI_TOKEN}
            orders-team: {token_env: ORDERS_TOKEN, role: owner, domains: [orders, billing]}
            dashboards: {token_file: /run/secrets/dashboards, role: viewer}
        """));

    assertThat(config.http().apiTokens().get("ci").role()).as("no role: platform, resolved by the API").isNull();
    assertThat(config.http().apiTokens().get("orders-team"))
        .isEqualTo(new WorkerConfig.ApiToken("ORDERS_TOKEN", null, "owner", List.of("orders", "billing")));
    assertThat(config.http().apiTokens().get("dashboards").role()).isEqualTo("viewer");

    Path bad = file("""
        http:
          api_tokens:
            admin: {token_env: ADMIN_TOKEN, role: admin}
            lonely-owner: {token_env: OWNER_TOKEN, role: owner}
            scoped-viewer: {token_env: VIEW_TOKEN, role: viewer, domains: [orders]}
            odd-owner: {token_env: ODD_TOKEN, role: owner, domains: [Orders]}
        """);
    assertThat(problems(new ConfigLoader(Map.of()), bad)).containsExactlyInAnyOrder(
        "http.api_tokens.admin.role: must be one of [platform, owner, viewer], got 'admin'",
        "http.api_tokens.lonely-owner.domains: required for role owner: the domains whose incidents and products this token"
            + " acts on, such as [orders]",
        "http.api_tokens.scoped-viewer.domains: only for role owner; a viewer token is not limited to domains",
        "http.api_tokens.odd-owner.domains[0]: must be a domain as specs name it in metadata.domain (a lower-case DNS label),"
            + " got 'Orders'");
  }

  @Test
  void wrongDurationsNameTheirPath() throws Exception {
    assertThat(problems(new ConfigLoader(Map.of()), file("escalation:\n  steward_after: soon\n")))
        .singleElement().asString().startsWith("escalation.steward_after: ");
    assertThat(problems(new ConfigLoader(Map.of("MESHWATCH_SLACK_DIGEST_WINDOW", "-1m")), file("{}\n")))
        .singleElement().asString().startsWith("slack.digest_window: ");
  }

  @Test
  void plainHttpToSlackIsRefusedExceptToThisMachine() throws Exception {
    assertThat(problems(new ConfigLoader(Map.of()), file("slack:\n  api_base_url: http://slack-gateway.internal/api/\n")))
        .containsExactly("slack.api_base_url: must use https (http only to localhost): every call carries the bot token");
    assertThat(new ConfigLoader(Map.of()).load(file("slack:\n  api_base_url: http://127.0.0.1:8099/api/\n")).slack().apiBaseUrl())
        .isEqualTo("http://127.0.0.1:8099/api/");
  }

  @Test
  void aSecretWrittenIntoTheConfigIsRefusedWithoutBeingRepeated() throws Exception {
    String token = "xoxb-1234-5678-abcdefghijkl";
    Path inline = file("""
        slack:
          bot_token: %s
        alerts:
          webhook: {url: "https://user:%s@hooks.internal/x"}
        http:
          api_tokens:
            ci: {token: %s}
        """.formatted(token, token, token));

    List<String> problems = problems(new ConfigLoader(Map.of()), inline);

    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("slack.bot_token: unknown key; secrets are never values in the"
        + " config: name the environment variable in bot_token_env or the file in bot_token_file"));
    assertThat(String.join("\n", problems)).doesNotContain(token).doesNotContain("5678");

    Path inEnvKey = file("slack:\n  bot_token_env: " + token + "\n");
    assertThat(problems(new ConfigLoader(Map.of()), inEnvKey)).containsExactly("slack.bot_token_env: must name an environment"
        + " variable (letters, digits and '_', not starting with a digit), not hold the secret itself");
  }

  @Test
  void anApiTokenWithASecretValueIsAnUnknownKeyThatSaysWhereTheSecretGoes() throws Exception {
    Path bad = file("http:\n  api_tokens:\n    ci: {token: not-a-real-token-0815}\n");

    assertThat(problems(new ConfigLoader(Map.of()), bad)).containsExactly("http.api_tokens.ci.token: unknown key; secrets are"
        + " never values in the config: name the environment variable in token_env or the file in token_file (known: domains,"
        + " role, token_env, token_file)");
  }

  @Test
  void secretSourcesAreListedAndCheckedWithoutReadingThem() throws Exception {
    Path tokenFile = dir.resolve("oncall-token");
    Files.writeString(tokenFile, "value-that-must-not-appear\n");
    ConfigLoader loader = new ConfigLoader(Map.of("SLACK_BOT_TOKEN", "xoxb-must-not-appear"));
    WorkerConfig config = loader.load(file("""
        http:
          api_tokens:
            oncall: {token_file: %s}
            ci: {token_env: CI_TOKEN}
        """.formatted(tokenFile)));

    assertThat(config.secretSources()).extracting(SecretSource::path)
        .containsExactly("slack.bot_token", "slack.signing_secret", "http.api_tokens.ci", "http.api_tokens.oncall");
    List<String> report = ConfigReport.lines(config, loader);

    assertThat(report).contains(
        "  slack.bot_token: environment variable SLACK_BOT_TOKEN: set",
        "  slack.signing_secret: environment variable SLACK_SIGNING_SECRET: not set",
        "  http.api_tokens.ci: environment variable CI_TOKEN: not set",
        "  http.api_tokens.oncall: file " + tokenFile + ": readable",
        "slack: on, through https://slack.com/api/",
        "slack interactivity: off (no signing secret: POST /slack/interactions answers 404)",
        "warning: Slack messages will carry buttons that cannot work without the signing secret",
        "http api: acknowledge, snooze and resolve need a bearer token (2 configured: ci, oncall)",
        "escalation: steward after 30m, platform after 2h, reminders every 1h");
    assertThat(String.join("\n", report)).doesNotContain("must-not-appear");
    assertThat(loader.secret(config.secretSources().get(3))).isEqualTo("value-that-must-not-appear");
  }

  @Test
  void withoutTokensTheReportSaysMutationsAreLoopbackOnly() throws Exception {
    ConfigLoader loader = new ConfigLoader(Map.of());
    List<String> report = ConfigReport.lines(loader.defaults(), loader);

    assertThat(report).contains(
        "slack: off (no bot token)",
        "http api: acknowledge, snooze and resolve accept loopback callers only (http.api_tokens is empty)");
  }

  @Test
  void humanDurationsCombineUnitsAndReadBackWhatTheyWrite() {
    assertThat(HumanDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(HumanDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(HumanDuration.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(HumanDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(HumanDuration.parse("PT4H")).isEqualTo(Duration.ofHours(4));
    assertThatThrownBy(() -> HumanDuration.parse("30m2h")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HumanDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
    for (Duration d : List.of(Duration.ofMinutes(90), Duration.ofHours(2), Duration.ofSeconds(90), Duration.ofDays(1).plusHours(3),
        Duration.ofMillis(1500), Duration.ZERO)) {
      assertThat(HumanDuration.parse(HumanDuration.format(d))).as(HumanDuration.format(d)).isEqualTo(d);
    }
    assertThat(HumanDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }
}
