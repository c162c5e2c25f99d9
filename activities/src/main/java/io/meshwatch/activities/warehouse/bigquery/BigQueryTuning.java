package io.meshwatch.activities.warehouse.bigquery;

import com.google.api.gax.retrying.RetrySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard the client tries and how often it looks. The Google client retries a request that failed
 * with 500, 502, 503 or 504 and a job insert refused with "Exceeded rate limits"; it never retries
 * quotaExceeded, notFound or accessDenied. meshwatch bounds those retries tightly ({@code maxAttempts}
 * in all, within {@code retryBudget}): a monitor polls again at its next cycle anyway, so a broken
 * warehouse costs one short burst per cycle, never a retry storm.
 *
 * @param maxAttempts attempts per request, the first included
 * @param firstRetryDelay the pause before the first retry; doubled for each further one
 * @param maxRetryDelay the longest pause between retries
 * @param retryBudget the total time one request may take with its retries
 * @param connectTimeout the HTTP connect timeout
 * @param readTimeout the HTTP read timeout of one request
 * @param firstPoll the pause before a running job is first looked at again; doubled up to {@code maxPoll}
 * @param maxPoll the longest pause between two looks at a running job
 * @param waitGrace how long past its {@code jobTimeoutMs} a job is waited for before meshwatch
 *     cancels it itself, at most; the grace is never longer than the timeout
 */
public record BigQueryTuning(
    int maxAttempts,
    Duration firstRetryDelay,
    Duration maxRetryDelay,
    Duration retryBudget,
    Duration connectTimeout,
    Duration readTimeout,
    Duration firstPoll,
    Duration maxPoll,
    Duration waitGrace) {

  public BigQueryTuning {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(firstRetryDelay);
    Objects.requireNonNull(maxRetryDelay);
    Objects.requireNonNull(retryBudget);
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(readTimeout);
    Objects.requireNonNull(firstPoll);
    Objects.requireNonNull(maxPoll);
    Objects.requireNonNull(waitGrace);
  }

  /** Production settings: three attempts within 30 s, polls from 250 ms up to 2 s, 30 s of grace. */
  public static BigQueryTuning defaults() {
    return new BigQueryTuning(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30),
        Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(250), Duration.ofSeconds(2),
        Duration.ofSeconds(30));
  }

  RetrySettings retrySettings() {
    return RetrySettings.newBuilder()
        .setMaxAttempts(maxAttempts)
        .setInitialRetryDelayDuration(firstRetryDelay)
        .setRetryDelayMultiplier(2.0)
        .setMaxRetryDelayDuration(maxRetryDelay)
        .setTotalTimeoutDuration(retryBudget)
        .build();
  }

  /** How long to wait for a job before cancelling it: its timeout plus a grace of at most the timeout. */
  Duration waitFor(Duration jobTimeout) {
    return jobTimeout.plus(waitGrace.compareTo(jobTimeout) < 0 ? waitGrace : jobTimeout);
  }
}
