package io.meshwatch.worker.bench;

import java.util.List;
import java.util.Locale;

/** One cost target of DESIGN §5 held against an engine's figures: what was measured and whether it was met. */
record Target(String measured, boolean met) {

  /** At most this many times the hand-written lower bound's median wall time per product. */
  static final double MAX_RATIO = 1.2;

  static List<Target> of(EngineResult result) {
    double scans = result.figures(Strategy.MESHWATCH).scans();
    double unchanged = result.cycles().scansPerUnchangedCycle();
    CycleFigures cycles = result.cycles();
    double ratio = result.ratioToLowerBound();
    return List.of(
        new Target(String.format(Locale.ROOT, "%.2f scans per evaluation (target 1)", scans), scans == 1.0),
        new Target(String.format(Locale.ROOT, "%.2f scans per unchanged cycle (target 0)", unchanged), unchanged == 0.0),
        new Target(String.format(Locale.ROOT, "%d scans in %d cycles after a change (target 1 each)",
            cycles.changedScans(), cycles.changedCycles()),
            cycles.changedCycles() > 0 && cycles.changedScans() == cycles.changedCycles()),
        new Target(String.format(Locale.ROOT, "meshwatch %.2fx the lower bound (target <= %.1fx)", ratio, MAX_RATIO),
            ratio <= MAX_RATIO));
  }
}
