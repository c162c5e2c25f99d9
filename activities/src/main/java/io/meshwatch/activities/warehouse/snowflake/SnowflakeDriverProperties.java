package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.SharedMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Snowflake JDBC driver's properties for a connection from worker config. The connection's
 * {@code properties} reach the driver as they are ({@code warehouse}, {@code role}, {@code database},
 * {@code schema}, {@code private_key_file}, ...), except meshwatch's own {@value #METADATA_MAX_AGE}.
 *
 * <ul>
 *   <li>{@code JDBC_QUERY_RESULT_FORMAT=JSON}, sent at login so that it holds from the first
 *       statement on. Arrow results need {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on every
 *       JVM that runs a worker; meshwatch reads one row per statement, where JSON costs nothing.
 *   <li>With {@code private_key_file} the login is key-pair (JWT) and the configured secret, if any,
 *       is the key file's passphrase; otherwise the secret is the password.
 *   <li>Logging in gives up after the statement timeout (at most 30 s), so an unreachable account
 *       fails a poll instead of hanging it.
 *   <li>Cloud platform detection is off: it probes cloud metadata endpoints at the first connect
 *       and serves only workload-identity logins, which meshwatch does not use.
 * </ul>
 */
final class SnowflakeDriverProperties {

  /** How long one metadata read serves other products' probes, as an ISO-8601 duration. */
  static final String METADATA_MAX_AGE = SharedMetadata.MAX_AGE;
  static final Duration DEFAULT_METADATA_MAX_AGE = Duration.ofMinutes(1);
  static final String PRIVATE_KEY_FILE = "private_key_file";

  private SnowflakeDriverProperties() {}

  static Properties of(ConnectionSettings settings) {
    Properties properties = new Properties();
    long loginSeconds = Math.max(1, Math.min(30, settings.statementTimeout().toSeconds()));
    properties.setProperty("loginTimeout", Long.toString(loginSeconds));
    properties.setProperty("disablePlatformDetection", "true");
    settings.properties().forEach((key, value) -> {
      if (!key.equals(METADATA_MAX_AGE)) {
        properties.setProperty(key, value);
      }
    });
    properties.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
    if (settings.user() != null) {
      properties.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      properties.setProperty(settings.properties().containsKey(PRIVATE_KEY_FILE) ? "private_key_file_pwd" : "password",
          settings.password());
    }
    return properties;
  }

  /** The session's default database from the connection's properties ({@code database} or {@code db}), or null. */
  static String defaultDatabase(ConnectionSettings settings) {
    Map<String, String> properties = settings.properties();
    return properties.getOrDefault("database", properties.get("db"));
  }

  /** The session's default schema from the connection's properties, or null. */
  static String defaultSchema(ConnectionSettings settings) {
    return settings.properties().get("schema");
  }

}
