package io.meshwatch.alerts.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A steward's Slack user, found by e-mail ({@code users.lookupByEmail}) and cached for a bounded time:
 * a found user for the TTL, a miss for at most ten minutes (so a steward who joins Slack is found
 * soon). A miss is an answer, not a failure: the sink says so in the owner's thread rather than
 * retrying forever.
 */
final class StewardLookup {

  sealed interface Steward {
    record Found(String userId) implements Steward {}

    record Unreachable(String reason) implements Steward {}
  }

  /** Slack's answers that mean "this e-mail leads to no one we may message". */
  private static final Set<String> MISSES = Set.of("users_not_found", "user_not_found", "account_inactive_user",
      "missing_scope", "not_allowed_token_type");
  private static final Duration MISS_TTL = Duration.ofMinutes(10);
  private static final int CAPACITY = 10_000;

  private record Cached(Steward steward, Instant expires) {}

  private final SlackGateway slack;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > CAPACITY;
    }
  };

  StewardLookup(SlackGateway slack, Duration ttl, Clock clock) {
    this.slack = Objects.requireNonNull(slack, "slack");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Steward find(String email) {
    if (email == null || email.isBlank()) {
      return new Steward.Unreachable("the product's spec names no steward");
    }
    String key = email.strip().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    synchronized (cache) {
      Cached cached = cache.get(key);
      if (cached != null && cached.expires().isAfter(now)) {
        return cached.steward();
      }
    }
    Steward steward;
    Duration keep;
    try {
      steward = new Steward.Found(slack.userIdByEmail(email.strip()));
      keep = ttl;
    } catch (SlackApiError e) {
      if (!MISSES.contains(e.error())) {
        throw e;
      }
      steward = new Steward.Unreachable(reason(e.error()));
      keep = ttl.compareTo(MISS_TTL) < 0 ? ttl : MISS_TTL;
    }
    synchronized (cache) {
      cache.put(key, new Cached(steward, now.plus(keep)));
    }
    return steward;
  }

  private static String reason(String error) {
    return switch (error) {
      case "users_not_found", "user_not_found" -> "no Slack user has this e-mail (" + error + ")";
      case "account_inactive_user" -> "the steward's Slack account is deactivated (" + error + ")";
      default -> "meshwatch's Slack app may not look users up by e-mail (" + error
          + "; it needs the users:read.email scope)";
    };
  }
}
