package io.meshwatch.worker.bench;

import java.util.Map;
import java.util.Objects;

/**
 * One product evaluated once by one strategy: the warehouse statements it issued, how many of them
 * read the table's data, the rows those reads covered, its wall time, the bytes it allocated on the
 * JVM heap (-1 when the JVM cannot tell), and what it measured, check id → violating rows (or 1/0
 * for an aggregate predicate). {@code checkNanos} holds each check's own wall time where checks run
 * as separate queries, and is empty where they share one.
 */
public record ProductRun(String table, int statements, int scans, long rowsScanned, long nanos, long allocatedBytes,
    Map<String, Long> measured, Map<String, Long> checkNanos) {

  public ProductRun {
    Objects.requireNonNull(table);
    measured = Map.copyOf(measured);
    checkNanos = Map.copyOf(checkNanos);
  }
}
