package io.meshwatch.worker.bench;

import java.util.Objects;

/**
 * One call through the warehouse port: which product (its query tag), which operation, the
 * statements it issued by kind, its wall time, and for a probe the data version it read.
 */
record PortCall(String tag, Operation operation, int scans, int metadata, int session, long nanos,
    String dataVersion) {

  enum Operation {
    PROBE,
    COLUMNS,
    SCAN
  }

  PortCall {
    Objects.requireNonNull(tag);
    Objects.requireNonNull(operation);
  }

  int statements() {
    return scans + metadata + session;
  }
}
