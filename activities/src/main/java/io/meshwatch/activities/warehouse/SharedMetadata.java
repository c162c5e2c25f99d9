package io.meshwatch.activities.warehouse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The metadata of every table asked about on one connection, read by one batch and shared for a
 * short window, so that N products' probes in a poll cost one batch instead of N (DESIGN §5
 * "Cost"). Warehouse-neutral: each adapter supplies the batch ({@link Source}) and its key (a
 * table, or a table and its freshness column).
 *
 * <p>When a probe asks about a table whose last answer is older than {@code maxAge} (or that no
 * read has answered yet), every table asked about within {@code forgetAfter} whose answer is not
 * fresh is read in one batch; probes asking meanwhile wait for that read rather than issuing their
 * own. In a steady poll every table's answer ages together, so one batch reads them all; a table
 * asked about for the first time while the others' answers are fresh (a new product, or each
 * product in the first poll after a worker start) is read alone and joins the others' batch from
 * the next window on. A read that fails is shared the same way, so an unreachable
 * warehouse costs one failed attempt per window, not one per product. The price is staleness of at
 * most {@code maxAge}, counted from the start of the read: a change that lands within that window
 * is seen by the next read. A zero {@code maxAge} shares nothing: each lookup reads its own table
 * alone, as an unbatched probe would.
 */
public final class SharedMetadata<K, V> {

  /**
   * The connection property that sets how long one metadata read serves other products' probes, as
   * an ISO-8601 duration ({@code PT1M}); zero reads each table on its own, on every probe.
   */
  public static final String MAX_AGE = "metadata_max_age";

  /** A table no probe asked about for this long (a retired product) leaves the shared read. */
  public static final Duration FORGET_AFTER = Duration.ofDays(1);

  /** Reads the metadata of the given tables as one batch, with an answer for each of them. */
  @FunctionalInterface
  public interface Source<K, V> {
    Map<K, MetadataAnswer<V>> read(Set<K> tables, QueryContext context) throws WarehouseException;
  }

  private final Source<K, V> source;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration forgetAfter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<K, Instant> lastAsked = new ConcurrentHashMap<>();
  /** Each table's last answer (a failed read is an answer too) and when the read that gave it began. */
  private final Map<K, Read<V>> lastRead = new HashMap<>();

  private record Read<V>(Instant at, MetadataAnswer<V> answer) {}

  public SharedMetadata(Source<K, V> source, Clock clock, Duration maxAge, Duration forgetAfter) {
    this.source = Objects.requireNonNull(source);
    this.clock = Objects.requireNonNull(clock);
    this.maxAge = Objects.requireNonNull(maxAge);
    this.forgetAfter = Objects.requireNonNull(forgetAfter);
    if (maxAge.isNegative() || forgetAfter.isNegative()) {
      throw new IllegalArgumentException("metadata ages cannot be negative");
    }
  }

  /**
   * The connection's {@value #MAX_AGE} property, or {@code whenAbsent}; a value that is not a
   * duration of zero or more is refused with the connection's name.
   */
  public static Duration maxAge(ConnectionSettings settings, Duration whenAbsent) {
    String value = settings.properties().get(MAX_AGE);
    if (value == null) {
      return whenAbsent;
    }
    try {
      Duration age = Duration.parse(value);
      if (!age.isNegative()) {
        return age;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("warehouse connection '" + settings.name() + "': " + MAX_AGE
        + " must be a duration of zero or more (ISO-8601, such as PT1M), got '" + value + "'");
  }

  /** Whether reads are shared at all (a positive maximum age). */
  public boolean shares() {
    return !maxAge.isZero();
  }

  /** The table's metadata, from the shared read when it is fresh and covers the table. */
  public V lookup(K table, QueryContext context) throws WarehouseException {
    if (!shares()) {
      return answer(source.read(Set.of(table), context), table);
    }
    // Registered before waiting, so a read already waited for covers every product that arrived.
    lastAsked.put(table, clock.instant());
    lock.lock();
    try {
      Instant now = clock.instant();
      Read<V> last = lastRead.get(table);
      if (last != null && fresh(last, now)) {
        return last.answer().orThrow();
      }
      lastAsked.values().removeIf(asked -> asked.isBefore(now.minus(forgetAfter)));
      lastAsked.putIfAbsent(table, now);
      lastRead.keySet().retainAll(lastAsked.keySet());
      // Every table asked about whose answer is not fresh: in a steady poll all of them at once; a
      // table asked for the first time while the others' answers are fresh is read alone.
      Set<K> tables = lastAsked.keySet().stream()
          .filter(key -> !lastRead.containsKey(key) || !fresh(lastRead.get(key), now))
          .collect(Collectors.toUnmodifiableSet());
      // Only a read that ended, with an answer or an expected failure, is shared; a defect is not.
      Map<K, MetadataAnswer<V>> read;
      try {
        read = source.read(tables, context);
      } catch (WarehouseException e) {
        MetadataAnswer<V> failed = new MetadataAnswer.Failed<>(e.failure(), e.getMessage());
        tables.forEach(key -> lastRead.put(key, new Read<>(now, failed)));
        throw e;
      }
      read.forEach((key, answer) -> {
        if (tables.contains(key)) {
          lastRead.put(key, new Read<>(now, answer));
        }
      });
      return answer(read, table);
    } finally {
      lock.unlock();
    }
  }

  /** An answer is fresh while its read is younger than the maximum age, counted from the read's start. */
  private boolean fresh(Read<V> read, Instant now) {
    return now.isBefore(read.at().plus(maxAge));
  }

  private static <K, V> V answer(Map<K, MetadataAnswer<V>> read, K table) throws WarehouseException {
    MetadataAnswer<V> answer = read.get(table);
    if (answer == null) {
      throw new IllegalStateException("the metadata read did not answer for a table it was asked about");
    }
    return answer.orThrow();
  }
}
