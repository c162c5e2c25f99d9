package io.meshwatch.worker.config;

import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import io.meshwatch.worker.governance.Policy;
import io.meshwatch.workflows.incident.EscalationLadder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker's configuration (DESIGN §10). Every key has a default and an environment-variable
 * override ({@code MESHWATCH_} + the upper-cased path, e.g. {@code MESHWATCH_TEMPORAL_TARGET});
 * secrets are never values here, only the names of environment variables or files that hold them.
 */
public record WorkerConfig(
    Temporal temporal,
    Store store,
    Map<String, Warehouse> warehouses,
    Map<String, Team> teams,
    Http http,
    Monitor monitor,
    Alerts alerts,
    Slack slack,
    Links links,
    Escalation escalation,
    Governance governance) {

  public WorkerConfig {
    warehouses = warehouses == null ? Map.of() : Map.copyOf(warehouses);
    teams = teams == null ? Map.of() : Map.copyOf(teams);
    governance = governance == null ? Governance.none() : governance;
  }

  /** A config without governance policies: the arity before {@code governance} existed. */
  public WorkerConfig(
      Temporal temporal, Store store, Map<String, Warehouse> warehouses, Map<String, Team> teams, Http http,
      Monitor monitor, Alerts alerts, Slack slack, Links links, Escalation escalation) {
    this(temporal, store, warehouses, teams, http, monitor, alerts, slack, links, escalation, Governance.none());
  }

  /** This config with {@code governance} in place of its own. */
  public WorkerConfig withGovernance(Governance governance) {
    return new WorkerConfig(temporal, store, warehouses, teams, http, monitor, alerts, slack, links, escalation, governance);
  }

  /**
   * The policies registration enforces: those configured under {@code governance.policies}, then
   * the built-in ones this config puts in force — {@link Policy.DeltaAllowedRoots} when a Delta
   * connection lists {@code allowed_roots}.
   */
  public List<Policy> policiesInForce() {
    Map<String, DeltaRoots> delta = new TreeMap<>();
    warehouses.forEach((name, w) -> {
      if (w != null && "delta".equalsIgnoreCase(w.format())) {
        delta.put(name, new DeltaRoots(w.allowedRoots()));
      }
    });
    List<Policy> policies = new ArrayList<>(governance.policies());
    Policy.DeltaAllowedRoots.of(delta).ifPresent(policies::add);
    return List.copyOf(policies);
  }

  /**
   * Every place this config names a secret, by config path ({@code slack.bot_token},
   * {@code http.api_tokens.ci}), in a stable order; sources that name nothing are left out. The
   * embedded store has no password.
   */
  public List<SecretSource> secretSources() {
    List<SecretSource> sources = new ArrayList<>();
    if (store != null && !store.embedded()) {
      SecretSource.of("store.password", store.passwordEnv(), store.passwordFile()).ifPresent(sources::add);
    }
    new TreeMap<>(warehouses).forEach((name, w) -> {
      if (w != null) {
        SecretSource.of("warehouses." + name + ".password", w.passwordEnv(), w.passwordFile()).ifPresent(sources::add);
      }
    });
    if (slack != null) {
      SecretSource.of("slack.bot_token", slack.botTokenEnv(), slack.botTokenFile()).ifPresent(sources::add);
      SecretSource.of("slack.signing_secret", slack.signingSecretEnv(), slack.signingSecretFile()).ifPresent(sources::add);
    }
    if (alerts != null && alerts.webhook() != null) {
      SecretSource.of("alerts.webhook.secret", alerts.webhook().secretEnv(), alerts.webhook().secretFile()).ifPresent(sources::add);
    }
    if (http != null) {
      new TreeMap<>(http.apiTokens()).forEach((name, t) -> {
        if (t != null) {
          SecretSource.of("http.api_tokens." + name, t.tokenEnv(), t.tokenFile()).ifPresent(sources::add);
        }
      });
    }
    return sources;
  }

  /**
   * {@code target: embedded} runs Temporal's test server in-process on {@code embeddedPort};
   * {@code worker} tunes the Temporal worker (absent: the defaults docs/benchmarks.md chose).
   */
  public record Temporal(String target, String namespace, String taskQueue, int embeddedPort, Tls tls, WorkerTuning worker) {
    public Temporal {
      worker = worker == null ? WorkerTuning.defaults() : worker;
    }

    /** A connection with the default worker tuning: the arity before {@code worker} existed. */
    public Temporal(String target, String namespace, String taskQueue, int embeddedPort, Tls tls) {
      this(target, namespace, taskQueue, embeddedPort, tls, null);
    }

    public boolean embedded() {
      return "embedded".equals(target);
    }
  }

  /**
   * How the Temporal worker runs ({@code temporal.worker}); the defaults are what the scale benchmark
   * measured best on a 2-core worker with 10,000 products (docs/benchmarks.md, "Scale").
   *
   * @param workflowCacheSize workflow executions kept in memory between their tasks (sticky); a
   *     cache miss replays the history, a hit costs heap
   * @param virtualThreads run workflow code and the task executors on Java 21 virtual threads, so a
   *     cached workflow holds no platform thread
   * @param maxConcurrentWorkflowTasks workflow tasks executed at once
   * @param maxConcurrentActivities activities executed at once by this worker
   * @param maxTaskQueueActivitiesPerSecond activities started per second by all workers of the task
   *     queue together (the server enforces it): protects the warehouses; 0 means no limit
   */
  public record WorkerTuning(
      int workflowCacheSize,
      boolean virtualThreads,
      int maxConcurrentWorkflowTasks,
      int maxConcurrentActivities,
      double maxTaskQueueActivitiesPerSecond) {

    public static WorkerTuning defaults() {
      return new WorkerTuning(600, true, 200, 200, 0);
    }
  }

  /** Mutual TLS to a Temporal cluster or Temporal Cloud: paths to PEM files. */
  public record Tls(boolean enabled, String clientCert, String clientKey, String serverCa) {}

  /** {@code url: embedded} runs embedded PostgreSQL with its data under {@code dataDir}. */
  public record Store(String url, String user, String passwordEnv, String passwordFile, String dataDir) {
    public boolean embedded() {
      return "embedded".equals(url);
    }
  }

  /**
   * A named warehouse connection; specs refer to it by name in {@code spec.output.connection}.
   * {@code url} is the JDBC URL (DuckDB, PostgreSQL, Snowflake) or an endpoint override; {@code
   * properties} carries the format's own settings (e.g. a BigQuery project) — never secrets. {@code
   * allowedRoots} (Delta only) lists where the connection's tables may be; empty: anywhere the spec
   * rules allow.
   */
  public record Warehouse(
      String format, String url, String user, String passwordEnv, String passwordFile, Duration statementTimeout,
      Map<String, String> properties, List<String> allowedRoots) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Warehouse {
      properties = properties == null ? Map.of() : Map.copyOf(properties);
      allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    }

    /** A connection without an allow-list. */
    public Warehouse(String format, String url, String user, String passwordEnv, String passwordFile, Duration statementTimeout,
        Map<String, String> properties) {
      this(format, url, user, passwordEnv, passwordFile, statementTimeout, properties, List.of());
    }
  }

  /**
   * A team of the directory: where its alerts go ({@code #name} or a channel id), who is in it, and
   * whether it wants notices when products it consumes breach (absent: no). Boxed because entries
   * of this named section get no defaults from the defaults file: an absent key binds as null.
   */
  public record Team(String slackChannel, List<String> members, Boolean consumerNotices) {
    public Team {
      members = members == null ? List.of() : List.copyOf(members);
      consumerNotices = Boolean.TRUE.equals(consumerNotices);
    }
  }

  /**
   * The HTTP server. With {@code apiTokens} empty, reads are open and mutating endpoints accept
   * loopback callers only; otherwise every call under /api needs {@code Authorization: Bearer} one
   * of them, what it may do is its role's, and the token's name is who acted.
   */
  public record Http(int port, Map<String, ApiToken> apiTokens) {
    public Http {
      apiTokens = apiTokens == null ? Map.of() : Map.copyOf(apiTokens);
    }
  }

  /**
   * One API token: where it is kept (an environment variable or a file), its {@code role}
   * ({@code platform}, {@code owner} or {@code viewer}; null: platform, what a token could do before
   * roles existed) and, for an owner, the {@code domains} it owns.
   */
  public record ApiToken(String tokenEnv, String tokenFile, String role, List<String> domains) {
    public ApiToken {
      domains = domains == null ? List.of() : List.copyOf(domains);
    }

    /** A token without a role: platform. */
    public ApiToken(String tokenEnv, String tokenFile) {
      this(tokenEnv, tokenFile, null, List.of());
    }
  }

  public record Monitor(Duration pollInterval, int historyEventsLimit) {}

  /** The sinks besides Slack: console, and an HTTP webhook (off while {@code url} is null). */
  public record Alerts(boolean console, Webhook webhook) {
    public Alerts {
      webhook = webhook == null ? new Webhook(null, null, null) : webhook;
    }
  }

  /** An HTTP endpoint that receives incidents as JSON, signed with the secret when one is named. */
  public record Webhook(String url, String secretEnv, String secretFile) {
    public boolean enabled() {
      return url != null;
    }
  }

  /**
   * Slack: the bot token (no token: Slack is off), the signing secret that verifies interactivity
   * requests (none: {@code POST /slack/interactions} does not exist), the Web API's base URL (always
   * ending in {@code /}), the platform team's escalation channel, and the digest: after
   * {@code digestAfter} incidents within {@code digestWindow}, the rest go out as one message.
   */
  public record Slack(
      String botTokenEnv,
      String botTokenFile,
      String signingSecretEnv,
      String signingSecretFile,
      String apiBaseUrl,
      String platformChannel,
      int digestAfter,
      Duration digestWindow) {
    public Slack {
      if (apiBaseUrl != null && !apiBaseUrl.endsWith("/")) {
        apiBaseUrl = apiBaseUrl + "/";
      }
    }
  }

  /** Links shown in alerts: URL templates in which {@code {domain}} and {@code {name}} name the product. */
  public record Links(String dashboardUrl, String runbookUrl) {

    public static final String DOMAIN = "{domain}";
    public static final String NAME = "{name}";

    /** The dashboard link for a product, or null when none is configured. */
    public String dashboardFor(String domain, String name) {
      return fill(dashboardUrl, domain, name);
    }

    /** The runbook link for a product, or null when none is configured. */
    public String runbookFor(String domain, String name) {
      return fill(runbookUrl, domain, name);
    }

    private static String fill(String template, String domain, String name) {
      if (template == null) {
        return null;
      }
      return template.replace(DOMAIN, URLEncoder.encode(domain, StandardCharsets.UTF_8))
          .replace(NAME, URLEncoder.encode(name, StandardCharsets.UTF_8));
    }
  }

  /**
   * {@code governance.policies}: the policies every spec must follow to be registered (DESIGN §4),
   * in the order they were configured. Read by {@link GovernanceConfig}, not bound field by field:
   * an entry is a policy name or a mapping of a name and its parameters.
   */
  public record Governance(List<Policy> policies) {
    public Governance {
      policies = policies == null ? List.of() : List.copyOf(policies);
    }

    public static Governance none() {
      return new Governance(List.of());
    }
  }

  /** The default escalation ladder (DESIGN §7); {@code spec.escalation} overrides it per product. */
  public record Escalation(Duration stewardAfter, Duration platformAfter, Duration reminderEvery) {
    public EscalationLadder ladder() {
      return new EscalationLadder(stewardAfter, platformAfter, reminderEvery);
    }
  }
}
