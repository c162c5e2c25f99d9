package io.meshwatch.worker.bench.scale;

import io.meshwatch.worker.bench.MachineInfo;
import io.meshwatch.worker.bench.Percentiles;
import java.util.List;
import java.util.Locale;

/** The scale benchmark's report: each setting's figures against the targets, then the settings side by side. */
final class ScaleReport {

  /** Heap the worker may use for 10,000 products. */
  static final double HEAP_TARGET_BYTES = 1024.0 * 1024 * 1024;
  static final int HEAP_TARGET_PRODUCTS = 10_000;
  /** Deadline to alert, 99th percentile. */
  static final long ALERT_P99_TARGET_MILLIS = 5_000;
  /** The production default poll interval, for history per day as deployed. */
  static final double DEFAULT_POLL_SECONDS = 300;

  private ScaleReport() {}

  static String render(ScaleOptions options, MachineInfo machine, List<ScaleFigures> runs) {
    StringBuilder out = new StringBuilder();
    line(out, "meshwatch bench-scale: %d products (%d with a deadline in the window), poll every %ds, window %ds,"
        + " warehouse latency %dms, history limit %s",
        options.products(), options.deadlines(), options.pollInterval().toSeconds(), options.window().toSeconds(),
        options.warehouseLatency().toMillis(), options.historyEventsLimit() == 0 ? "Temporal's suggestion" : options.historyEventsLimit());
    line(out, "machine: %s; load average %.2f", machine.describe(), MachineInfo.loadAverage());
    line(out, "worker JVM: -Xmx%dm, %d processors; Temporal test server and PostgreSQL run in the benchmark's JVM",
        options.workerHeapMb(), options.workerCores());
    for (ScaleFigures f : runs) {
      out.append('\n');
      details(out, options, f);
    }
    if (runs.size() > 1) {
      out.append('\n');
      comparison(out, runs);
    }
    return out.toString();
  }

  private static void details(StringBuilder out, ScaleOptions options, ScaleFigures f) {
    double projected = f.baselineHeapBytes() + f.heapPerProductBytes() * HEAP_TARGET_PRODUCTS;
    line(out, "setting: %s", f.variant());
    line(out, "  registration            %.0f products/s through the API", f.registrationsPerSecond());
    line(out, "  heap after GC           %.1f MiB idle, %.1f MiB with %d products: %.1f KiB per product",
        mib(f.baselineHeapBytes()), mib(f.heapBytes()), f.products(), f.heapPerProductBytes() / 1024);
    line(out, "  heap for 10,000         %.0f MiB (target < %.0f MiB): %s", mib(projected), mib(HEAP_TARGET_BYTES),
        verdict(projected < HEAP_TARGET_BYTES));
    line(out, "  live platform threads   %.0f", f.liveThreads());
    line(out, "  CPU                     %.2f ms per evaluation, %.2f ms per cycle (%.1f s over %.0f s; warehouse excluded)",
        f.cpuMillisPerEvaluation(), f.cpuMillisPerCycle(), f.cpuSeconds(), f.windowSeconds());
    line(out, "  rates                   %.1f workflow tasks/s, %.1f evaluations/s, %.1f cycles/s",
        f.workflowTasksPerSecond(), f.evaluationsPerSecond(), f.cycles() / f.windowSeconds());
    line(out, "  wake-ups                busiest second %d evaluations, mean %.1f/s (%.1fx the mean)",
        f.wakeMaxPerSecond(), f.wakeMeanPerSecond(), f.wakeMaxPerSecond() / Math.max(f.wakeMeanPerSecond(), 1e-9));
    line(out, "  history                 %.1f events per cycle: %.0f events per product per day at this poll, %.0f at the"
        + " default 5m", f.historyEventsPerCycle(), f.historyEventsPerDay(options.pollInterval().toSeconds()),
        f.historyEventsPerDay(DEFAULT_POLL_SECONDS));
    line(out, "  continue-as-new         %d of %d sampled monitors continued in the window; longest current run %d events%s",
        f.continuedAsNew(), f.sampledMonitors(), f.longestHistory(), historyVerdict(options, f));
    if (f.alertLatenciesMillis().isEmpty()) {
      line(out, "  deadline -> alert       no alert arrived (%d expected): MISSED", f.missingAlerts());
    } else {
      long p99 = Percentiles.of(f.alertLatenciesMillis(), 0.99);
      line(out, "  deadline -> alert       p50 %d ms, p95 %d ms, p99 %d ms over %d deadlines%s (target p99 <= %d ms): %s",
          Percentiles.median(f.alertLatenciesMillis()), Percentiles.p95(f.alertLatenciesMillis()), p99,
          f.alertLatenciesMillis().size(), f.missingAlerts() == 0 ? "" : ", " + f.missingAlerts() + " never alerted",
          ALERT_P99_TARGET_MILLIS, verdict(alertsMet(f)));
    }
  }

  private static void comparison(StringBuilder out, List<ScaleFigures> runs) {
    line(out, "| setting | heap/product | threads | CPU/evaluation | workflow tasks/s | evaluations/s | alert p50 / p95 / p99 |");
    line(out, "|---|---|---|---|---|---|---|");
    for (ScaleFigures f : runs) {
      String alerts = f.alertLatenciesMillis().isEmpty() ? "none arrived"
          : String.format(Locale.ROOT, "%d / %d / %d ms%s", Percentiles.median(f.alertLatenciesMillis()),
              Percentiles.p95(f.alertLatenciesMillis()), Percentiles.of(f.alertLatenciesMillis(), 0.99),
              f.missingAlerts() == 0 ? "" : " (" + f.missingAlerts() + " missing)");
      line(out, "| %s | %.1f KiB | %.0f | %.2f ms | %.1f | %.1f | %s |", f.variant(), f.heapPerProductBytes() / 1024,
          f.liveThreads(), f.cpuMillisPerEvaluation(), f.workflowTasksPerSecond(), f.evaluationsPerSecond(), alerts);
    }
  }

  /** Whether every target is met by every run. */
  static boolean allMet(ScaleOptions options, List<ScaleFigures> runs) {
    return runs.stream().allMatch(f -> alertsMet(f)
        && f.baselineHeapBytes() + f.heapPerProductBytes() * HEAP_TARGET_PRODUCTS < HEAP_TARGET_BYTES
        && historyBounded(options, f));
  }

  private static boolean alertsMet(ScaleFigures f) {
    return f.missingAlerts() == 0 && Percentiles.of(f.alertLatenciesMillis(), 0.99) <= ALERT_P99_TARGET_MILLIS;
  }

  /** With a limit, no run outgrows it by more than the cycle in which it was reached. */
  private static boolean historyBounded(ScaleOptions options, ScaleFigures f) {
    return options.historyEventsLimit() == 0
        || f.longestHistory() <= options.historyEventsLimit() + 2 * Math.ceil(f.historyEventsPerCycle());
  }

  private static String historyVerdict(ScaleOptions options, ScaleFigures f) {
    if (options.historyEventsLimit() == 0) {
      return " (no limit set: bounded only where Temporal suggests continue-as-new; its test server does not)";
    }
    return " (limit " + options.historyEventsLimit() + "): " + verdict(historyBounded(options, f));
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static double mib(double bytes) {
    return bytes / (1024 * 1024);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
