package io.meshwatch.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    Alerts alerts) {

  public WorkerConfig {
    warehouses = warehouses == null ? Map.of() : Map.copyOf(warehouses);
    teams = teams == null ? Map.of() : Map.copyOf(teams);
  }

  /** {@code target: embedded} runs Temporal's test server in-process on {@code embeddedPort}. */
  public record Temporal(String target, String namespace, String taskQueue, int embeddedPort, Tls tls) {
    public boolean embedded() {
      return "embedded".equals(target);
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
   * properties} carries the format's own settings (e.g. a BigQuery project) — never secrets.
   */
  public record Warehouse(
      String format, String url, String user, String passwordEnv, String passwordFile, Duration statementTimeout,
      Map<String, String> properties) {
    public Warehouse {
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
  }

  /** A team of the directory: where its alerts go and who is in it. */
  public record Team(String slackChannel, List<String> members) {
    public Team {
      members = members == null ? List.of() : List.copyOf(members);
    }
  }

  public record Http(int port) {}

  public record Monitor(Duration pollInterval, int historyEventsLimit) {}

  public record Alerts(boolean console) {}
}
