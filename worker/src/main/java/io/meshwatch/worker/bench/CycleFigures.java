package io.meshwatch.worker.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The monitor cycles of (d), from the warehouse port's ledger. Each probe opens a cycle of its
 * product; the cycle is the product's first, one whose data version equals the previous probe's
 * (unchanged), or one whose version moved (changed). Statements and wall time of an unchanged cycle
 * are its probe's plus anything else it issued; {@code monitorReportedScans} is what the monitors
 * themselves reported to the store, to set beside the port's count.
 */
record CycleFigures(
    int firstCycles,
    long firstCycleScans,
    int unchangedCycles,
    long unchangedScans,
    long unchangedStatements,
    List<Long> unchangedNanos,
    int changedCycles,
    long changedScans,
    int monitorReportedCycles,
    long monitorReportedScans,
    long portScans) {

  CycleFigures {
    unchangedNanos = List.copyOf(unchangedNanos);
  }

  static CycleFigures of(List<PortCall> calls, RecordedCycles recorded) {
    Map<String, List<Cycle>> byProduct = new LinkedHashMap<>();
    for (PortCall call : calls) {
      List<Cycle> cycles = byProduct.computeIfAbsent(call.tag(), t -> new ArrayList<>());
      if (call.operation() == PortCall.Operation.PROBE) {
        Cycle previous = cycles.isEmpty() ? null : cycles.get(cycles.size() - 1);
        Kind kind = previous == null ? Kind.FIRST
            : call.dataVersion() != null && call.dataVersion().equals(previous.version) ? Kind.UNCHANGED
            : Kind.CHANGED;
        cycles.add(new Cycle(kind, call.dataVersion()));
      }
      if (cycles.isEmpty()) {
        throw new IllegalStateException("a warehouse call of " + call.tag() + " came before any probe");
      }
      cycles.get(cycles.size() - 1).add(call);
    }
    int first = 0;
    long firstScans = 0;
    int unchanged = 0;
    long unchangedScans = 0;
    long unchangedStatements = 0;
    List<Long> unchangedNanos = new ArrayList<>();
    int changed = 0;
    long changedScans = 0;
    long portScans = 0;
    for (List<Cycle> cycles : byProduct.values()) {
      for (Cycle cycle : cycles) {
        portScans += cycle.scans;
        switch (cycle.kind) {
          case FIRST -> {
            first++;
            firstScans += cycle.scans;
          }
          case UNCHANGED -> {
            unchanged++;
            unchangedScans += cycle.scans;
            unchangedStatements += cycle.statements;
            unchangedNanos.add(cycle.nanos);
          }
          case CHANGED -> {
            changed++;
            changedScans += cycle.scans;
          }
        }
      }
    }
    return new CycleFigures(first, firstScans, unchanged, unchangedScans, unchangedStatements, unchangedNanos, changed,
        changedScans, recorded.cycles(), recorded.scans(), portScans);
  }

  /** True when the monitors reported exactly the scans and cycles the port saw. */
  boolean consistent() {
    return monitorReportedScans == portScans && monitorReportedCycles == firstCycles + unchangedCycles + changedCycles;
  }

  double scansPerUnchangedCycle() {
    return unchangedCycles == 0 ? Double.NaN : (double) unchangedScans / unchangedCycles;
  }

  double statementsPerUnchangedCycle() {
    return unchangedCycles == 0 ? Double.NaN : (double) unchangedStatements / unchangedCycles;
  }

  private enum Kind {
    FIRST,
    UNCHANGED,
    CHANGED
  }

  private static final class Cycle {
    final Kind kind;
    final String version;
    int scans;
    int statements;
    long nanos;

    Cycle(Kind kind, String version) {
      this.kind = Objects.requireNonNull(kind);
      this.version = version;
    }

    void add(PortCall call) {
      scans += call.scans();
      statements += call.statements();
      nanos += call.nanos();
    }
  }
}
