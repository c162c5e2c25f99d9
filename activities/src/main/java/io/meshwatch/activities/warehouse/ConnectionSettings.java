package io.meshwatch.activities.warehouse;

import io.meshwatch.workflows.model.OutputFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One named warehouse connection from worker config. {@code user} and {@code password} may be null
 * (DuckDB needs neither); the password is never logged or shown ({@link #toString()} masks it, and
 * the URL, which may carry credentials, is left out too). {@code readOnly} asks the driver to open
 * the database read-only where it can (DuckDB); every statement runs in a read-only transaction
 * regardless. {@code properties} are the connection's extra settings from worker config: JDBC
 * drivers receive them as they are; other clients (BigQuery, Delta) read their own keys from them.
 * {@code jdbcUrl} is the JDBC URL for JDBC warehouses and the endpoint or null for the others.
 */
public record ConnectionSettings(
    String name,
    OutputFormat format,
    String jdbcUrl,
    String user,
    String password,
    Duration statementTimeout,
    boolean readOnly,
    Map<String, String> properties) {

  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(5);

  public ConnectionSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    statementTimeout = statementTimeout == null ? DEFAULT_STATEMENT_TIMEOUT : statementTimeout;
    if (statementTimeout.isNegative() || statementTimeout.isZero()) {
      throw new IllegalArgumentException("connection " + name + ": the statement timeout must be positive");
    }
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** A connection with the defaults: five-minute timeout, read-only where possible, no extra properties. */
  public static ConnectionSettings of(String name, OutputFormat format, String jdbcUrl, String user, String password) {
    return new ConnectionSettings(name, format, jdbcUrl, user, password, null, true, null);
  }

  public ConnectionSettings withStatementTimeout(Duration timeout) {
    return new ConnectionSettings(name, format, jdbcUrl, user, password, timeout, readOnly, properties);
  }

  public ConnectionSettings withReadOnly(boolean value) {
    return new ConnectionSettings(name, format, jdbcUrl, user, password, statementTimeout, value, properties);
  }

  @Override
  public String toString() {
    return "ConnectionSettings[name=" + name + ", format=" + format.specName() + ", user=" + user
        + ", password=" + (password == null ? "none" : "****") + ", statementTimeout=" + statementTimeout
        + ", readOnly=" + readOnly + "]";
  }
}
