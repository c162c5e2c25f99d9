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
 * <p>When a probe asks about a table and the shared read is older than {@code maxAge}, every
 * table asked about within {@code forgetAfter} is read again in one batch; probes asking meanwhile
 * wait for that read rather than issuing their own. A table asked about for the first time while
 * the shared read is fresh (a new product, or each product in the first poll after a worker start)
 * is read alone, and joins the shared read from the next window on: reading every table for each
 * newcomer would cost a worker's first poll N reads of up to N tables. A read that fails is
 * shared the same way, so an unreachable warehouse costs one failed attempt per window, not one per
 * product. The price is staleness of at most {@code maxAge}, counted from the start of the shared
 * read (a newcomer's answer is younger): a change that lands within that window is seen by the
 * next read. A zero {@code maxAge} shares nothing: each lookup reads its own table
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
  /** Each table's answer (a failed read is an answer too), all read at or after {@link #groupReadAt}. */
  private final Map<K, MetadataAnswer<V>> answers = new HashMap<>();
  private Instant groupReadAt;

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
      boolean groupFresh = groupReadAt != null && now.isBefore(groupReadAt.plus(maxAge));
      if (groupFresh && answers.containsKey(table)) {
        return answers.get(table).orThrow();
      }
      lastAsked.values().removeIf(asked -> asked.isBefore(now.minus(forgetAfter)));
      lastAsked.putIfAbsent(table, now);
      // Once the shared read has aged, every table asked about is read again together, so all
      // answers age together and one read serves a whole poll window. A table asked for the first
      // time while they are fresh is read alone: its answer is younger than theirs and expires
      // with them, when it joins the next shared read.
      Set<K> tables = groupFresh
          ? lastAsked.keySet().stream().filter(key -> !answers.containsKey(key)).collect(Collectors.toUnmodifiableSet())
          : Set.copyOf(lastAsked.keySet());
      if (!groupFresh) {
        answers.clear();
        groupReadAt = now;
      }
      // Only a read that ended, with an answer or an expected failure, is shared; a defect is not.
      Map<K, MetadataAnswer<V>> read;
      try {
        read = source.read(tables, context);
      } catch (WarehouseException e) {
        tables.forEach(key -> answers.put(key, new MetadataAnswer.Failed<>(e.failure(), e.getMessage())));
        throw e;
      }
      read.forEach((key, answer) -> {
        if (tables.contains(key)) {
          answers.put(key, answer);
        }
      });
      return answer(read, table);
    } finally {
      lock.unlock();
    }
  }

  private static <K, V> V answer(Map<K, MetadataAnswer<V>> read, K table) throws WarehouseException {
    MetadataAnswer<V> answer = read.get(table);
    if (answer == null) {
      throw new IllegalStateException("the metadata read did not answer for a table it was asked about");
    }
    return answer.orThrow();
  }
}
