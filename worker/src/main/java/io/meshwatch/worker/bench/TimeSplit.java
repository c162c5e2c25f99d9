package io.meshwatch.worker.bench;

import java.util.List;

/**
 * Where the time of a cycle on changed data goes, per product: the probe that precedes every
 * evaluation (not part of (a)), then the evaluation's planning (the custom checks parsed once and
 * kept, the fused query rendered) and its scan call (one warehouse session: set-up and the fused
 * query); beside them, what opening and closing one connection costs, and the same fused query
 * alone on an open connection.
 */
record TimeSplit(List<Long> probeNanos, List<Long> planNanos, List<Long> scanCallNanos, List<Long> connectNanos,
    List<Long> fusedQueryNanos) {

  TimeSplit {
    probeNanos = List.copyOf(probeNanos);
    planNanos = List.copyOf(planNanos);
    scanCallNanos = List.copyOf(scanCallNanos);
    connectNanos = List.copyOf(connectNanos);
    fusedQueryNanos = List.copyOf(fusedQueryNanos);
  }
}
