package io.meshwatch.activities.warehouse;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the statements one activity call issues, by kind, and the bytes the warehouse reports
 * those statements processed and billed (warehouses that bill by scan, such as BigQuery; zero
 * elsewhere). Confined to the calling thread.
 */
public final class StatementTally {

  private final Map<StatementKind, Integer> counts = new EnumMap<>(StatementKind.class);
  private long bytesProcessed;
  private long bytesBilled;

  public void record(StatementKind kind) {
    counts.merge(kind, 1, Integer::sum);
  }

  public int count(StatementKind kind) {
    return counts.getOrDefault(kind, 0);
  }

  /** Adds what one statement cost, as the warehouse reported it. */
  public void recordBytes(long processed, long billed) {
    if (processed < 0 || billed < 0) {
      throw new IllegalArgumentException("bytes must not be negative");
    }
    bytesProcessed += processed;
    bytesBilled += billed;
  }

  public long bytesProcessed() {
    return bytesProcessed;
  }

  public long bytesBilled() {
    return bytesBilled;
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
        + " session=" + count(StatementKind.SESSION) + " bytesProcessed=" + bytesProcessed + " bytesBilled=" + bytesBilled;
  }
}
