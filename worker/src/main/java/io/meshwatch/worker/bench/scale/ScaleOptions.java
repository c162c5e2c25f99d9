package io.meshwatch.worker.bench.scale;

import io.meshwatch.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.List;

/**
 * What {@code meshwatch bench-scale} runs.
 *
 * @param products products registered in all, deadline products included
 * @param deadlines of them, products whose freshness deadline passes during the window (the
 *     deadline-to-alert sample)
 * @param pollInterval the monitors' {@code monitor.poll_interval}: shorter makes more load
 * @param window the steady window in which rates are measured and deadlines pass
 * @param warehouseLatency what every warehouse statement of the fake warehouse takes
 * @param historyEventsLimit the monitors' {@code monitor.history_events_limit} (0: Temporal's suggestion)
 * @param workerHeapMb the worker JVM's maximum heap
 * @param workerCores the processors the worker JVM may use
 * @param variants the worker settings to run, one full run each
 */
public record ScaleOptions(
    int products,
    int deadlines,
    Duration pollInterval,
    Duration window,
    Duration warehouseLatency,
    int historyEventsLimit,
    int workerHeapMb,
    int workerCores,
    List<ScaleVariant> variants) {

  public ScaleOptions {
    if (products < 1) {
      throw new IllegalArgumentException("--products must be at least 1, got " + products);
    }
    if (deadlines < 1 || deadlines >= products) {
      throw new IllegalArgumentException("--deadlines must be at least 1 and fewer than --products (" + products + "), got " + deadlines);
    }
    if (pollInterval.compareTo(Duration.ofSeconds(5)) < 0) {
      throw new IllegalArgumentException("--poll-interval must be at least 5s, got " + pollInterval.toSeconds() + "s");
    }
    if (window.compareTo(Duration.ofSeconds(20)) < 0) {
      throw new IllegalArgumentException("--window must be at least 20s, got " + window.toSeconds() + "s");
    }
    if (warehouseLatency.isNegative()) {
      throw new IllegalArgumentException("--warehouse-latency must not be negative");
    }
    if (historyEventsLimit < 0) {
      throw new IllegalArgumentException("--history-limit must be 0 or more, got " + historyEventsLimit);
    }
    if (workerHeapMb < 64) {
      throw new IllegalArgumentException("--worker-heap must be at least 64 (MiB), got " + workerHeapMb);
    }
    if (workerCores < 1) {
      throw new IllegalArgumentException("--worker-cores must be at least 1, got " + workerCores);
    }
    if (variants == null || variants.isEmpty()) {
      throw new IllegalArgumentException("at least one worker setting to run");
    }
    variants = List.copyOf(variants);
  }

  /** The steady products: every product that is not a deadline product. */
  int steady() {
    return products - deadlines;
  }

  /** How long before the first deadline the deadline products are registered: one first cycle each, with room. */
  Duration deadlineLead() {
    return window.dividedBy(5);
  }

  WorkerConfig.WorkerTuning tuning(int variant) {
    return variants.get(variant).tuning();
  }
}
