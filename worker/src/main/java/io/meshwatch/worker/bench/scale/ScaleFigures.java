package io.meshwatch.worker.bench.scale;

import java.util.List;

/**
 * What one run of one worker setting measured.
 *
 * @param variant the worker setting
 * @param products products registered
 * @param registrationsPerSecond how fast the API registered them
 * @param baselineHeapBytes heap after a full GC with no product registered
 * @param heapBytes heap after a full GC with every product registered and running
 * @param liveThreads the worker's live platform threads with every product running
 * @param cpuSeconds worker CPU time in the window
 * @param windowSeconds the window's length
 * @param evaluations evaluations (scans) in the window
 * @param cycles monitor cycles in the window
 * @param workflowTasks workflow tasks the worker completed in the window
 * @param historyEventsPerCycle history events a steady monitor writes per cycle (sampled products)
 * @param longestHistory the longest history of a sampled monitor's current run at the window's end
 * @param continuedAsNew sampled monitors whose run changed in the window (continue-as-new)
 * @param sampledMonitors monitors sampled for history
 * @param alertLatenciesMillis deadline-to-alert delays of the deadline products whose alert arrived
 * @param missingAlerts deadline products whose alert had not arrived by the window's end
 * @param wakeMaxPerSecond the most evaluations that started in any one second of the window
 * @param wakeMeanPerSecond evaluations started per second on average in the window
 */
public record ScaleFigures(
    String variant,
    int products,
    double registrationsPerSecond,
    double baselineHeapBytes,
    double heapBytes,
    double liveThreads,
    double cpuSeconds,
    double windowSeconds,
    double evaluations,
    double cycles,
    double workflowTasks,
    double historyEventsPerCycle,
    long longestHistory,
    int continuedAsNew,
    int sampledMonitors,
    List<Long> alertLatenciesMillis,
    int missingAlerts,
    long wakeMaxPerSecond,
    double wakeMeanPerSecond) {

  public ScaleFigures {
    alertLatenciesMillis = List.copyOf(alertLatenciesMillis);
  }

  double heapPerProductBytes() {
    return (heapBytes - baselineHeapBytes) / products;
  }

  double cpuMillisPerEvaluation() {
    return evaluations == 0 ? Double.NaN : cpuSeconds * 1000 / evaluations;
  }

  double cpuMillisPerCycle() {
    return cycles == 0 ? Double.NaN : cpuSeconds * 1000 / cycles;
  }

  double evaluationsPerSecond() {
    return evaluations / windowSeconds;
  }

  double workflowTasksPerSecond() {
    return workflowTasks / windowSeconds;
  }

  /** History events one monitor writes per day at a poll interval of {@code pollSeconds}. */
  double historyEventsPerDay(double pollSeconds) {
    return historyEventsPerCycle * 86_400 / pollSeconds;
  }
}
