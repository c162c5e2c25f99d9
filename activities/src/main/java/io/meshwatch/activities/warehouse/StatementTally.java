package io.meshwatch.activities.warehouse;

import java.util.EnumMap;
import java.util.Map;

/** Counts the statements one activity call issues, by kind. Confined to the calling thread. */
public final class StatementTally {

  private final Map<StatementKind, Integer> counts = new EnumMap<>(StatementKind.class);

  public void record(StatementKind kind) {
    counts.merge(kind, 1, Integer::sum);
  }

  public int count(StatementKind kind) {
    return counts.getOrDefault(kind, 0);
  }

  /** Statements that read something (scans and metadata queries), as reported to the workflow. */
  public int queries() {
    return count(StatementKind.SCAN) + count(StatementKind.METADATA);
  }

  public int total() {
    return queries() + count(StatementKind.SESSION);
  }

  @Override
  public String toString() {
    return "scans=" + count(StatementKind.SCAN) + " metadata=" + count(StatementKind.METADATA)
        + " session=" + count(StatementKind.SESSION);
  }
}
