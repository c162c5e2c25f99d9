package io.meshwatch.worker.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample: the value below which the given share of samples fall. */
public final class Percentiles {

  private Percentiles() {}

  public static long median(Collection<Long> samples) {
    return of(samples, 0.50);
  }

  public static long p95(Collection<Long> samples) {
    return of(samples, 0.95);
  }

  public static long of(Collection<Long> samples, double share) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(share * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
