package io.meshwatch.alerts.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that runs {@code factor} times faster than the wall clock, for clock and sleeps alike: every
 * thread, the local Slack server included, sees one consistent timeline, so a minute-long storm runs
 * in seconds while every rate and window keeps its configured length on that timeline.
 */
public final class AcceleratedTime extends Clock implements Sleeper {

  private final Instant origin;
  private final long startNanos;
  private final long factor;

  public AcceleratedTime(Instant origin, long factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be at least 1");
    }
    this.origin = origin;
    this.startNanos = System.nanoTime();
    this.factor = factor;
  }

  @Override
  public Instant instant() {
    return origin.plusNanos((System.nanoTime() - startNanos) * factor);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.dividedBy(factor));
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("accelerated time is UTC only");
  }
}
