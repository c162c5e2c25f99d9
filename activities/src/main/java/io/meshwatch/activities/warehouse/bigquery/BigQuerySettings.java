package io.meshwatch.activities.warehouse.bigquery;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A BigQuery connection as worker config describes it. The format's own keys sit in the
 * connection's {@code properties}:
 *
 * <ul>
 *   <li>{@code project} (required): the project that runs and pays for the query jobs, and the
 *       project of a product's table when its spec names none;
 *   <li>{@code location} (optional): where jobs run ({@code US}, {@code EU}, {@code europe-west1});
 *       BigQuery infers it from the table when absent;
 *   <li>{@code maximum_bytes_billed} (optional, default 10 GiB): the most one query job may bill,
 *       as bytes or with a unit ({@code 500MB}, {@code 10GiB}); at least 10 MiB, BigQuery's
 *       minimum charge per table read;
 *   <li>{@code credentials} (optional): {@code application_default}, {@code service_account} (the
 *       key JSON held by {@code password_file} or {@code password_env}) or {@code none} (a local
 *       BigQuery-compatible endpoint); the default is {@code service_account} when a secret is
 *       configured and {@code application_default} otherwise.
 * </ul>
 *
 * The connection's {@code url} overrides Google's endpoint; its statement timeout becomes each
 * job's {@code jobTimeoutMs}.
 */
public record BigQuerySettings(
    String connection,
    String project,
    String location,
    long maximumBytesBilled,
    String endpoint,
    Duration jobTimeout,
    CredentialSource credentials) {

  /** How the client authenticates. */
  public enum CredentialSource {
    /** Application Default Credentials: GOOGLE_APPLICATION_CREDENTIALS, gcloud's, or the metadata server's. */
    APPLICATION_DEFAULT,
    /** A service-account key (JSON) from the connection's secret. */
    SERVICE_ACCOUNT,
    /** No credentials, for a local endpoint that needs none. */
    NONE
  }

  public static final long DEFAULT_MAXIMUM_BYTES_BILLED = 10L << 30;
  /** BigQuery bills at least 10 MiB for each table a query reads, and refuses a lower cap. */
  public static final long MINIMUM_BYTES_BILLED = 10L << 20;

  private static final Set<String> KEYS = new TreeSet<>(Set.of("project", "location", "maximum_bytes_billed", "credentials"));
  private static final Pattern PROJECT = Pattern.compile("([a-z0-9.\\-]+:)?[a-z][a-z0-9\\-]{4,28}[a-z0-9]");
  private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9\\-]{2,40}");

  public BigQuerySettings {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(jobTimeout, "jobTimeout");
    Objects.requireNonNull(credentials, "credentials");
    if (maximumBytesBilled < MINIMUM_BYTES_BILLED) {
      throw new IllegalArgumentException("maximum bytes billed must be at least " + MINIMUM_BYTES_BILLED);
    }
  }

  /** The settings of a configured connection; a misconfigured one is refused with every problem named. */
  public static BigQuerySettings from(ConnectionSettings settings) {
    List<String> problems = problems(settings.jdbcUrl(), settings.properties(), settings.password() != null);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("warehouse connection '" + settings.name() + "': " + String.join("; ", problems));
    }
    Map<String, String> properties = settings.properties();
    long cap = properties.containsKey("maximum_bytes_billed")
        ? ByteSize.parse(properties.get("maximum_bytes_billed")).orElseThrow()
        : DEFAULT_MAXIMUM_BYTES_BILLED;
    String endpoint = settings.jdbcUrl() == null || settings.jdbcUrl().isBlank() ? null : settings.jdbcUrl().strip();
    return new BigQuerySettings(settings.name(), properties.get("project"), properties.get("location"), cap, endpoint,
        settings.statementTimeout(), credentialSource(properties.get("credentials"), settings.password() != null));
  }

  /**
   * Every problem with a BigQuery connection's endpoint and properties, each as {@code key: problem},
   * so {@code meshwatch config check} can report them all at once. {@code secretConfigured} tells
   * whether {@code password_env} or {@code password_file} is set.
   */
  public static List<String> problems(String url, Map<String, String> properties, boolean secretConfigured) {
    List<String> problems = new ArrayList<>();
    for (String key : new TreeSet<>(properties.keySet())) {
      if (!KEYS.contains(key)) {
        problems.add("properties." + key + ": not a BigQuery setting; known keys are " + KEYS);
      }
    }
    String project = properties.get("project");
    if (project == null || project.isBlank()) {
      problems.add("properties.project: required (the project that runs and pays for the query jobs)");
    } else if (!PROJECT.matcher(project).matches()) {
      problems.add("properties.project: '" + project + "' is not a Google Cloud project id");
    }
    String location = properties.get("location");
    if (location != null && !LOCATION.matcher(location).matches()) {
      problems.add("properties.location: '" + location + "' is not a BigQuery location such as US, EU or europe-west1");
    }
    String cap = properties.get("maximum_bytes_billed");
    if (cap != null) {
      var bytes = ByteSize.parse(cap);
      if (bytes.isEmpty()) {
        problems.add("properties.maximum_bytes_billed: '" + cap + "' is not an amount of bytes such as 10737418240,"
            + " 500MB or 10GiB");
      } else if (bytes.get() < MINIMUM_BYTES_BILLED) {
        problems.add("properties.maximum_bytes_billed: must be at least 10MiB (BigQuery bills at least 10 MiB"
            + " per table a query reads), got " + cap);
      }
    }
    String credentials = properties.get("credentials");
    if (credentials != null) {
      switch (credentials.toLowerCase(Locale.ROOT)) {
        case "application_default", "none" -> {
          if (secretConfigured) {
            problems.add("properties.credentials: '" + credentials + "' takes no secret, but password_env or"
                + " password_file is set");
          }
        }
        case "service_account" -> {
          if (!secretConfigured) {
            problems.add("properties.credentials: service_account needs the key JSON in password_file or password_env");
          }
        }
        default -> problems.add("properties.credentials: must be application_default, service_account or none,"
            + " got '" + credentials + "'");
      }
    }
    if (url != null && !url.isBlank()) {
      String problem = endpointProblem(url.strip());
      if (problem != null) {
        problems.add("url: " + problem);
      }
    }
    return problems;
  }

  private static String endpointProblem(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        return "a BigQuery endpoint is an http or https URL such as https://bigquery.googleapis.com";
      }
      if (uri.getUserInfo() != null || uri.getQuery() != null) {
        return "the endpoint must not carry user information or a query";
      }
      return null;
    } catch (URISyntaxException e) {
      return "not a URL";
    }
  }

  private static CredentialSource credentialSource(String property, boolean secretConfigured) {
    if (property == null) {
      return secretConfigured ? CredentialSource.SERVICE_ACCOUNT : CredentialSource.APPLICATION_DEFAULT;
    }
    return CredentialSource.valueOf(property.toUpperCase(Locale.ROOT));
  }

  /** The job timeout in milliseconds, as BigQuery's {@code jobTimeoutMs} takes it. */
  public long jobTimeoutMillis() {
    return Math.max(1, jobTimeout.toMillis());
  }
}
