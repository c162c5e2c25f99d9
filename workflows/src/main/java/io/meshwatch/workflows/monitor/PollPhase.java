package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.model.ProductId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Where in the cadence a product polls. Products registered together (a bulk apply, a worker that
 * re-registers its specs at start) would otherwise wake together every interval and hit the
 * warehouses and the worker in one burst; a phase taken from the product's id spreads them evenly
 * over the interval. The phase is a pure function of the id, so replay and every run agree on it.
 *
 * @param interval the poll interval
 * @param offset this product's place in it, in [0, interval)
 */
public record PollPhase(Duration interval, Duration offset) {

  public PollPhase {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (offset == null || offset.isNegative() || offset.compareTo(interval) >= 0) {
      throw new IllegalArgumentException("offset must be in [0, interval)");
    }
  }

  /** The product's phase: its id hashed (FNV-1a, 64 bit) onto the interval's milliseconds. */
  public static PollPhase of(ProductId product, Duration interval) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : product.toString().getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    long millis = Math.max(1, interval.toMillis());
    return new PollPhase(Duration.ofMillis(millis), Duration.ofMillis(Math.floorMod(hash, millis)));
  }

  /**
   * The first poll instant of this phase at least half an interval after {@code cycleStart}: in the
   * steady state exactly one interval after the previous poll, and after a start or a poll out of
   * turn (a signal, a deadline) between half and one and a half intervals, never a burst.
   */
  public Instant nextPollAfter(Instant cycleStart) {
    long period = interval.toMillis();
    long earliest = cycleStart.toEpochMilli() + period / 2;
    long next = earliest + Math.floorMod(offset.toMillis() - earliest, period);
    return Instant.ofEpochMilli(next);
  }
}
