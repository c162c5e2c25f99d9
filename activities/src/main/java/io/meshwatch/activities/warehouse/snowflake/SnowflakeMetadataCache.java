package io.meshwatch.activities.warehouse.snowflake;

import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The metadata of every table asked about on one connection, read by one query and shared for a
 * short window, so that N products' probes in a poll cost one metadata query instead of N (DESIGN
 * §5 "Cost").
 *
 * <p>When a probe asks about a table and the last read is older than {@code maxAge} or did not
 * cover the table, the cache reads every table asked about within {@code forgetAfter} (grouped per
 * database, see {@link MetadataQuery}) in one query; probes asking meanwhile wait for that read
 * rather than issuing their own. A table is covered from the first read after it was first asked
 * about, so a new product (or every product, after a worker start) can cost one more read. A read that fails is shared the same way, so an unreachable
 * warehouse costs one failed attempt per window, not one per product. The price is staleness of at
 * most {@code maxAge}: a change that lands within that window is seen by the next read.
 */
final class SnowflakeMetadataCache {

  /** Reads the metadata of the given tables, in one query. */
  @FunctionalInterface
  interface Source {
    Map<TableKey, TableLookup> read(Set<TableKey> tables, QueryContext context) throws WarehouseException;
  }

  private final Source source;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration forgetAfter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<TableKey, Instant> lastAsked = new ConcurrentHashMap<>();
  private Map<TableKey, TableLookup> lastRead = Map.of();
  private Set<TableKey> lastCovered = Set.of();
  private WarehouseException lastFailure;
  private Instant lastReadAt;

  SnowflakeMetadataCache(Source source, Clock clock, Duration maxAge, Duration forgetAfter) {
    this.source = Objects.requireNonNull(source);
    this.clock = Objects.requireNonNull(clock);
    this.maxAge = Objects.requireNonNull(maxAge);
    this.forgetAfter = Objects.requireNonNull(forgetAfter);
    if (maxAge.isNegative() || forgetAfter.isNegative()) {
      throw new IllegalArgumentException("metadata ages cannot be negative");
    }
  }

  /** The table's metadata, from the shared read when it is fresh and covers the table. */
  TableMetadata lookup(TableKey table, QueryContext context) throws WarehouseException {
    // Registered before waiting, so a read already waited for covers every product that arrived.
    lastAsked.put(table, clock.instant());
    lock.lock();
    try {
      Instant now = clock.instant();
      if (lastReadAt != null && now.isBefore(lastReadAt.plus(maxAge)) && lastCovered.contains(table)) {
        if (lastFailure != null) {
          throw new WarehouseException(lastFailure.failure(), lastFailure.getMessage());
        }
        return found(lastRead.get(table));
      }
      lastAsked.values().removeIf(asked -> asked.isBefore(now.minus(forgetAfter)));
      lastAsked.putIfAbsent(table, now);
      Set<TableKey> tables = Set.copyOf(lastAsked.keySet());
      // Only a read that ended, with an answer or an expected failure, is shared; a defect is not.
      try {
        share(now, tables, source.read(tables, context), null);
      } catch (WarehouseException e) {
        share(now, tables, Map.of(), e);
        throw e;
      }
      return found(lastRead.get(table));
    } finally {
      lock.unlock();
    }
  }

  private void share(Instant at, Set<TableKey> covered, Map<TableKey, TableLookup> read, WarehouseException failure) {
    lastReadAt = at;
    lastCovered = covered;
    lastRead = read;
    lastFailure = failure;
  }

  private static TableMetadata found(TableLookup lookup) throws WarehouseException {
    return switch (lookup) {
      case TableLookup.Found found -> found.metadata();
      case TableLookup.Missing missing -> throw new WarehouseException(WarehouseFailure.TABLE_NOT_FOUND, missing.reason());
      case null -> throw new IllegalStateException("the metadata read did not answer for a table it was asked about");
    };
  }
}
