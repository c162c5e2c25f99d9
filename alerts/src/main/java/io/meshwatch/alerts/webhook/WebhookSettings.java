package io.meshwatch.alerts.webhook;

import io.meshwatch.alerts.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code alerts.webhook}: where to POST, the secret that signs each body (null: unsigned), and how
 * long one POST may take.
 */
public record WebhookSettings(URI url, Secret secret, Duration timeout) {

  public WebhookSettings {
    Objects.requireNonNull(url, "alerts.webhook.url");
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new IllegalArgumentException("alerts.webhook.url: must be an http(s) URL, got " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("alerts.webhook.url: has no host: " + url);
    }
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("alerts.webhook timeout must be positive");
    }
  }

  public static WebhookSettings of(String url, Secret secret) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("alerts.webhook.url: required when the webhook sink is on");
    }
    try {
      return new WebhookSettings(URI.create(url.strip()), secret, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alerts.webhook.url: not a URL: " + url, e);
    }
  }
}
