package io.meshwatch.activities.warehouse.delta;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * A Delta connection's worker config, split by who reads it. Delta Kernel reads the log and the file
 * statistics through Hadoop's file systems; DuckDB reads the data files for value scans. The
 * connection's {@code properties} are sorted by key:
 *
 * <ul>
 *   <li>{@code duckdb.<setting>}: a DuckDB setting for value scans ({@code duckdb.threads: 4},
 *       {@code duckdb.memory_limit: 2GB}, {@code duckdb.s3_region: eu-central-1});
 *   <li>{@code meshwatch.user_keys}, {@code meshwatch.password_keys}: comma-separated keys that
 *       receive the connection's {@code user} and its password (from {@code password_env} or
 *       {@code password_file}), Hadoop keys or {@code duckdb.} keys alike, so that no secret is ever
 *       a value in the config file. Without them a user and a password become the S3A access key and
 *       secret ({@code fs.s3a.access.key}, {@code fs.s3a.secret.key});
 *   <li>every other key: a Hadoop setting ({@code fs.s3a.endpoint}, {@code fs.s3a.path.style.access},
 *       {@code fs.azure.account.auth.type}, {@code fs.gs.project.id}, ...).
 * </ul>
 *
 * {@code s3://} is served by S3A unless {@code fs.s3.impl} says otherwise. {@link #toString()} names
 * the keys only: values may be secrets.
 */
public record DeltaSettings(String connection, Map<String, String> hadoop, Map<String, String> duckdb) {

  static final String USER_KEYS = "meshwatch.user_keys";
  static final String PASSWORD_KEYS = "meshwatch.password_keys";
  static final String DUCKDB_PREFIX = "duckdb.";
  private static final List<String> DEFAULT_USER_KEYS = List.of("fs.s3a.access.key");
  private static final List<String> DEFAULT_PASSWORD_KEYS = List.of("fs.s3a.secret.key");
  /** DuckDB settings are written into {@code SET} statements, so their names are held to this shape. */
  private static final Pattern DUCKDB_SETTING = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public DeltaSettings {
    Objects.requireNonNull(connection);
    hadoop = Map.copyOf(hadoop);
    duckdb = Map.copyOf(duckdb);
  }

  /**
   * The settings of a configured connection.
   *
   * @throws IllegalArgumentException for a {@code duckdb.} key that is not a setting name
   */
  public static DeltaSettings of(ConnectionSettings settings) {
    Map<String, String> hadoop = new LinkedHashMap<>();
    Map<String, String> duckdb = new LinkedHashMap<>();
    hadoop.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    settings.properties().forEach((key, value) -> {
      if (!key.equals(USER_KEYS) && !key.equals(PASSWORD_KEYS)) {
        put(settings.name(), key, value, hadoop, duckdb);
      }
    });
    if (settings.user() != null) {
      for (String key : keys(settings.properties().get(USER_KEYS), DEFAULT_USER_KEYS)) {
        put(settings.name(), key, settings.user(), hadoop, duckdb);
      }
    }
    if (settings.password() != null) {
      for (String key : keys(settings.properties().get(PASSWORD_KEYS), DEFAULT_PASSWORD_KEYS)) {
        put(settings.name(), key, settings.password(), hadoop, duckdb);
      }
    }
    return new DeltaSettings(settings.name(), hadoop, duckdb);
  }

  /** A fresh Hadoop configuration: Hadoop's defaults, then this connection's settings. */
  public Configuration hadoopConfiguration() {
    Configuration configuration = new Configuration();
    hadoop.forEach(configuration::set);
    return configuration;
  }

  private static void put(String connection, String key, String value, Map<String, String> hadoop,
      Map<String, String> duckdb) {
    if (key.startsWith(DUCKDB_PREFIX)) {
      String setting = key.substring(DUCKDB_PREFIX.length());
      if (!DUCKDB_SETTING.matcher(setting).matches()) {
        throw new IllegalArgumentException("warehouse connection '" + connection + "': property '" + key
            + "' does not name a DuckDB setting (lower-case letters, digits and '_')");
      }
      duckdb.put(setting, value);
    } else {
      hadoop.put(key, value);
    }
  }

  private static List<String> keys(String declared, List<String> defaults) {
    if (declared == null) {
      return defaults;
    }
    return Arrays.stream(declared.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
  }

  @Override
  public String toString() {
    return "DeltaSettings[connection=" + connection + ", hadoop keys=" + hadoop.keySet() + ", duckdb keys="
        + duckdb.keySet() + "]";
  }
}
