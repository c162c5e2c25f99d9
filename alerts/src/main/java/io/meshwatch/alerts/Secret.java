package io.meshwatch.alerts;

import java.util.Objects;

/**
 * A credential (the Slack bot token, a webhook's signing secret). Its {@code toString} never shows
 * the value, so a settings record, a log line or an exception message that includes it by accident
 * leaks nothing; {@link #reveal()} is called only where the value is sent.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value.strip());
  }

  /** The value, for the one place that sends it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
