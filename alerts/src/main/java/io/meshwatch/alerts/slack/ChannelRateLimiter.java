package io.meshwatch.alerts.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces posts per channel (Slack allows about one message per second per channel), for every
 * thread of the process: each post reserves the channel's next free slot and waits for it. A 429
 * pushes the channel's next slot past its Retry-After, so the other threads wait too instead of
 * hitting the limit again.
 */
public final class ChannelRateLimiter {

  /** The channel's next slot lies further ahead than the caller may wait. */
  public static final class ChannelBusy extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Duration wait;

    ChannelBusy(String channel, Duration wait) {
      super("channel " + channel + " is busy for " + wait);
      this.wait = wait;
    }

    public Duration waitNeeded() {
      return wait;
    }
  }

  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ConcurrentHashMap<String, Instant> nextFree = new ConcurrentHashMap<>();

  public ChannelRateLimiter(Duration interval, Clock clock, Sleeper sleeper) {
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Waits for {@code channel}'s next slot and takes it; throws {@link ChannelBusy} without taking
   * one when it lies more than {@code maxWait} ahead.
   */
  public void acquire(String channel, Duration maxWait) throws InterruptedException, ChannelBusy {
    Instant now = clock.instant();
    Instant[] slot = new Instant[1];
    boolean[] taken = new boolean[1];
    nextFree.compute(channel, (c, next) -> {
      Instant free = next == null || next.isBefore(now) ? now : next;
      slot[0] = free;
      if (Duration.between(now, free).compareTo(maxWait) > 0) {
        return next;
      }
      taken[0] = true;
      return free.plus(interval);
    });
    Duration wait = Duration.between(now, slot[0]);
    if (!taken[0]) {
      throw new ChannelBusy(channel, wait);
    }
    sleeper.sleep(wait);
  }

  /**
   * A post in {@code channel} has been answered. Slack counts from when it received the post, which
   * is after the slot it was sent in, so the channel's next post waits a whole interval from now:
   * the spacing holds however long the request was on its way.
   */
  public void posted(String channel) {
    Instant next = clock.instant().plus(interval);
    nextFree.merge(channel, next, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Slack said wait {@code retryAfter} in {@code channel}: nobody posts there before then. */
  public void backOff(String channel, Duration retryAfter) {
    Instant until = clock.instant().plus(retryAfter);
    nextFree.merge(channel, until, (a, b) -> a.isAfter(b) ? a : b);
  }
}
