package io.meshwatch.alerts.slack;

import io.meshwatch.alerts.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Slack sink's settings (worker config {@code slack.*}). The bot token is a {@link Secret}, so
 * this record's {@code toString} shows no credential.
 *
 * @param botToken the bot token ({@code slack.bot_token}); scopes: chat:write, users:read.email,
 *     channels:history, groups:history, im:history, im:write
 * @param apiBaseUrl Slack's Web API base ({@code slack.api_base_url}); tests point it at a local server
 * @param platformChannel the platform escalation channel ({@code slack.platform_channel}); null: none
 * @param digestAfter openings posted one by one per channel within {@code digestWindow} before the
 *     rest of the window goes into one digest ({@code slack.digest_after})
 * @param digestWindow the digest window ({@code slack.digest_window})
 * @param channelInterval the least time between two posts in one channel (Slack allows about one a second)
 * @param maxRateLimitWait how long one activity may wait for a channel's turn or a 429's Retry-After
 *     before it fails and lets Temporal retry it later
 * @param stewardCacheTtl how long a steward's e-mail → Slack user lookup is trusted
 * @param recoveryMargin how far before an outbox entry's creation a crashed attempt's message is
 *     searched for (clock skew between the outbox's database and Slack)
 * @param httpTimeout the timeout of one call to Slack
 */
public record SlackSettings(
    Secret botToken,
    URI apiBaseUrl,
    String platformChannel,
    int digestAfter,
    Duration digestWindow,
    Duration channelInterval,
    Duration maxRateLimitWait,
    Duration stewardCacheTtl,
    Duration recoveryMargin,
    Duration httpTimeout) {

  public static final URI DEFAULT_API_BASE_URL = URI.create("https://slack.com/api/");
  public static final int DEFAULT_DIGEST_AFTER = 5;
  public static final Duration DEFAULT_DIGEST_WINDOW = Duration.ofMinutes(1);

  public SlackSettings {
    Objects.requireNonNull(botToken, "slack.bot_token is required for the Slack sink");
    apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_BASE_URL : withTrailingSlash(apiBaseUrl);
    if (!"https".equals(apiBaseUrl.getScheme()) && !"http".equals(apiBaseUrl.getScheme())) {
      throw new IllegalArgumentException("slack.api_base_url: must be an http(s) URL, got " + apiBaseUrl);
    }
    platformChannel = platformChannel == null || platformChannel.isBlank() ? null : platformChannel.strip();
    if (digestAfter < 1) {
      throw new IllegalArgumentException("slack.digest_after: must be at least 1, got " + digestAfter);
    }
    digestWindow = positive("slack.digest_window", digestWindow, DEFAULT_DIGEST_WINDOW);
    channelInterval = channelInterval == null ? Duration.ofSeconds(1) : channelInterval;
    if (channelInterval.isNegative()) {
      throw new IllegalArgumentException("the per-channel interval must not be negative");
    }
    maxRateLimitWait = positive("max rate-limit wait", maxRateLimitWait, Duration.ofSeconds(30));
    stewardCacheTtl = positive("steward cache TTL", stewardCacheTtl, Duration.ofHours(1));
    recoveryMargin = positive("recovery margin", recoveryMargin, Duration.ofMinutes(5));
    httpTimeout = positive("Slack HTTP timeout", httpTimeout, Duration.ofSeconds(15));
  }

  /** The settings worker config names; the rest take their defaults. */
  public static SlackSettings of(Secret botToken, String apiBaseUrl, String platformChannel, Integer digestAfter,
      Duration digestWindow) {
    URI base;
    try {
      base = apiBaseUrl == null || apiBaseUrl.isBlank() ? null : URI.create(apiBaseUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("slack.api_base_url: not a URL: " + apiBaseUrl, e);
    }
    return new SlackSettings(botToken, base, platformChannel, digestAfter == null ? DEFAULT_DIGEST_AFTER : digestAfter,
        digestWindow, null, null, null, null, null);
  }

  public SlackSettings withDigest(int after, Duration window) {
    return new SlackSettings(botToken, apiBaseUrl, platformChannel, after, window, channelInterval, maxRateLimitWait,
        stewardCacheTtl, recoveryMargin, httpTimeout);
  }

  public SlackSettings withChannelInterval(Duration interval) {
    return new SlackSettings(botToken, apiBaseUrl, platformChannel, digestAfter, digestWindow, interval,
        maxRateLimitWait, stewardCacheTtl, recoveryMargin, httpTimeout);
  }

  public SlackSettings withMaxRateLimitWait(Duration wait) {
    return new SlackSettings(botToken, apiBaseUrl, platformChannel, digestAfter, digestWindow, channelInterval,
        wait, stewardCacheTtl, recoveryMargin, httpTimeout);
  }

  private static URI withTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? uri : URI.create(text + "/");
  }

  private static Duration positive(String what, Duration value, Duration fallback) {
    Duration d = value == null ? fallback : value;
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + ": must be positive, got " + d);
    }
    return d;
  }
}
