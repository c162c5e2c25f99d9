package io.meshwatch.worker.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures as text: the run, the machine, one table per engine, and the verdict. */
final class BenchReport {

  private static final String ROW = "%-31s %10s %7s %13s %10s %9s %8s %9s%n";

  private BenchReport() {}

  static String render(BenchOptions options, MachineInfo machine, List<EngineResult> results) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "meshwatch bench: %d products x %d data checks; %d measured rounds after %d warm-up; "
            + "monitors: %d cycles on unchanged data, then 1 after a change%n",
        options.products(), options.checks(), options.repeats(), options.warmups(), options.cycles()));
    out.append("command: ").append(options.commandLine()).append('\n');
    out.append("machine: ").append(machine.describe()).append('\n');
    for (EngineResult result : results) {
      out.append('\n').append(engine(result));
    }
    out.append('\n').append(verdict(results)).append('\n');
    return out.toString();
  }

  static String engine(EngineResult result) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s: %,d rows per table; %s; load average %.1f at the start, %.1f at the end%n",
        result.engine().label(), result.rows(), result.version(), result.loadBefore(), result.loadAfter()));
    out.append(String.format(Locale.ROOT, ROW, "per product and evaluation", "statements", "scans", "rows scanned",
        "median ms", "p95 ms", "round s", "JVM KiB"));
    for (StrategyFigures f : result.figures()) {
      out.append(String.format(Locale.ROOT, ROW, f.strategy().label(), decimal(f.statements()), decimal(f.scans()),
          String.format(Locale.ROOT, "%,.0f", f.rowsScanned()), millis(f.medianNanos()), millis(f.p95Nanos()),
          f.roundMedianNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", f.roundMedianNanos() / 1e9),
          f.allocatedBytes() < 0 ? "-" : String.format(Locale.ROOT, "%,d", f.allocatedBytes() / 1024)));
    }
    TimeSplit split = result.split();
    out.append(String.format(Locale.ROOT,
        "(a) split, median ms per product: planning %s + scan call %s; beside them: the cycle's probe before it %s"
            + " (not in (a)), opening a connection %s, meshwatch's fused query alone on an open connection %s%n",
        millis(Percentiles.median(split.planNanos())),
        millis(Percentiles.median(split.scanCallNanos())), millis(Percentiles.median(split.probeNanos())),
        millis(Percentiles.median(split.connectNanos())),
        millis(Percentiles.median(split.fusedQueryNanos()))));
    List<Map.Entry<String, Long>> perCheck = new ArrayList<>(result.perCheckMedianNanos().entrySet());
    perCheck.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    List<String> checks = perCheck.stream().map(e -> e.getKey() + " " + millis(e.getValue())).toList();
    out.append("(b) median ms per check query: ").append(String.join(", ", checks)).append('\n');
    CycleFigures c = result.cycles();
    out.append(String.format(Locale.ROOT,
        "(d) monitors: %d first cycles with %d scans; %d cycles on unchanged data with %d scans; %d cycles after a"
            + " change with %d scans; the monitors reported %d cycles and %d scans%s%n",
        c.firstCycles(), c.firstCycleScans(), c.unchangedCycles(), c.unchangedScans(), c.changedCycles(),
        c.changedScans(), c.monitorReportedCycles(), c.monitorReportedScans(),
        c.consistent() ? " (as counted at the warehouse)" : " (NOT what the warehouse counted)"));
    if (result.disagreements().isEmpty()) {
      out.append("measurements: every strategy measured the same value for every check of every product\n");
    } else {
      out.append("measurements DISAGREE, so the figures above compare different work:\n");
      result.disagreements().forEach(d -> out.append("  ").append(d).append('\n'));
    }
    List<String> targets = Target.of(result).stream()
        .map(t -> t.measured() + ": " + (t.met() ? "met" : "MISSED"))
        .toList();
    out.append("verdict ").append(result.engine().label()).append(": ").append(String.join("; ", targets)).append('\n');
    return out.toString();
  }

  static String verdict(List<EngineResult> results) {
    List<String> problems = new ArrayList<>();
    for (EngineResult result : results) {
      if (!valid(result)) {
        problems.add(result.engine().label() + ": the run is not valid (see above)");
      }
      for (Target target : Target.of(result)) {
        if (!target.met()) {
          problems.add(result.engine().label() + ": " + target.measured());
        }
      }
    }
    return problems.isEmpty() ? "verdict: every target met" : "verdict: missed — " + String.join("; ", problems);
  }

  /** Whether the figures compare like with like: the strategies agree and the monitors' counts match the port's. */
  static boolean valid(EngineResult result) {
    return result.disagreements().isEmpty() && result.cycles().consistent();
  }

  static boolean allMet(List<EngineResult> results) {
    return results.stream().allMatch(r -> valid(r) && Target.of(r).stream().allMatch(Target::met));
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
