package io.meshwatch.worker.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything measured on one engine: the rows per table, the engine's own description, the
 * machine's load average when the engine's measurements began and ended, one row per strategy, the
 * monitor cycles behind (d), the split of meshwatch's time, (b)'s median time per check, and any
 * disagreement between the strategies' measurements.
 */
record EngineResult(BenchEngine engine, int rows, String version, double loadBefore, double loadAfter,
    List<StrategyFigures> figures, CycleFigures cycles, TimeSplit split, Map<String, Long> perCheckMedianNanos,
    List<String> disagreements) {

  EngineResult {
    figures = List.copyOf(figures);
    perCheckMedianNanos = Map.copyOf(perCheckMedianNanos);
    disagreements = List.copyOf(disagreements);
  }

  StrategyFigures figures(Strategy strategy) {
    return figures.stream().filter(f -> f.strategy() == strategy).findFirst().orElseThrow();
  }

  /** meshwatch's median wall time per product over the hand-written lower bound's. */
  double ratioToLowerBound() {
    return (double) figures(Strategy.MESHWATCH).medianNanos() / figures(Strategy.HAND_WRITTEN).medianNanos();
  }
}
