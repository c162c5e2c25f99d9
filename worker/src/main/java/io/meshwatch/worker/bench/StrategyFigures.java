package io.meshwatch.worker.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the report: per product and evaluation, the mean warehouse statements, scans and rows
 * the scans read; the median and 95th percentile of one product's wall time; the median time of a
 * whole round (every product once, -1 when not measured by rounds); and the median JVM heap bytes
 * allocated per product (-1 when unknown).
 */
record StrategyFigures(Strategy strategy, double statements, double scans, double rowsScanned, long medianNanos,
    long p95Nanos, long roundMedianNanos, long allocatedBytes) {

  static StrategyFigures of(Strategy strategy, List<List<ProductRun>> rounds) {
    List<Long> nanos = new ArrayList<>();
    List<Long> roundNanos = new ArrayList<>();
    List<Long> allocated = new ArrayList<>();
    long statements = 0;
    long scans = 0;
    long rows = 0;
    for (List<ProductRun> round : rounds) {
      long total = 0;
      for (ProductRun run : round) {
        nanos.add(run.nanos());
        allocated.add(run.allocatedBytes());
        statements += run.statements();
        scans += run.scans();
        rows += run.rowsScanned();
        total += run.nanos();
      }
      roundNanos.add(total);
    }
    double runs = nanos.size();
    long allocation = allocated.contains(-1L) ? -1 : Percentiles.median(allocated);
    return new StrategyFigures(strategy, statements / runs, scans / runs, rows / runs, Percentiles.median(nanos),
        Percentiles.p95(nanos), Percentiles.median(roundNanos), allocation);
  }

  /** (d): an unchanged cycle per product — its probe, and a scan if there were one. */
  static StrategyFigures of(CycleFigures cycles) {
    if (cycles.unchangedCycles() == 0) {
      throw new IllegalStateException("no cycle ran on unchanged data");
    }
    return new StrategyFigures(Strategy.UNCHANGED, cycles.statementsPerUnchangedCycle(),
        cycles.scansPerUnchangedCycle(), 0, Percentiles.median(cycles.unchangedNanos()),
        Percentiles.p95(cycles.unchangedNanos()), -1, -1);
  }
}
