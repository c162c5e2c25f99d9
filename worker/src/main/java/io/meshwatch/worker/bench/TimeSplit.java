package io.meshwatch.worker.bench;

import java.util.List;

/**
 * Where meshwatch's evaluation time goes, per product: the catalog read (a connection, its session
 * set-up and the columns query), planning (parsing the custom checks and rendering the fused
 * query), the scan call (another connection and session, and the fused query); beside them, what
 * opening and closing one connection costs, and the same fused query alone on an open connection.
 */
record TimeSplit(List<Long> catalogNanos, List<Long> planNanos, List<Long> scanCallNanos, List<Long> connectNanos,
    List<Long> fusedQueryNanos) {

  TimeSplit {
    catalogNanos = List.copyOf(catalogNanos);
    planNanos = List.copyOf(planNanos);
    scanCallNanos = List.copyOf(scanCallNanos);
    connectNanos = List.copyOf(connectNanos);
    fusedQueryNanos = List.copyOf(fusedQueryNanos);
  }
}
