package io.meshwatch.alerts.slack;

import java.time.Duration;

/** Waits. A port so the rate limiter, Retry-After and digests run on a test's accelerated clock. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM = duration -> {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration);
    }
  };
}
