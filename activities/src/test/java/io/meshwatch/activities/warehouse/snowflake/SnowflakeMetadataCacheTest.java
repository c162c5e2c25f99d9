package io.meshwatch.activities.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnowflakeMetadataCacheTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(1);
  private static final QueryContext CONTEXT = new QueryContext(new QueryTag("meshwatch:a/b"), new StatementTally());

  private final MutableClock clock = new MutableClock(Instant.parse("2024-06-10T12:00:00Z"));
  private final List<Set<TableKey>> reads = new CopyOnWriteArrayList<>();
  private final AtomicInteger readCount = new AtomicInteger();
  private volatile WarehouseException failure;

  private static TableKey key(String table) {
    return new TableKey("DB", "PUBLIC", table);
  }

  /** Answers every table with metadata whose row count is the number of reads so far. */
  private Map<TableKey, TableLookup> read(Set<TableKey> tables, QueryContext context) throws WarehouseException {
    reads.add(tables);
    long count = readCount.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    Map<TableKey, TableLookup> result = new LinkedHashMap<>();
    for (TableKey table : tables) {
      result.put(table, table.table().startsWith("missing")
          ? new TableLookup.Missing("table " + table.display() + " does not exist")
          : new TableLookup.Found(new TableMetadata(new ResolvedTable(new TableName("DB", "PUBLIC", table.table()),
              List.of()), "BASE TABLE", clock.instant(), count, 0L)));
    }
    return result;
  }

  private SnowflakeMetadataCache cache(Duration maxAge) {
    return new SnowflakeMetadataCache(this::read, clock, maxAge, Duration.ofDays(1));
  }

  @Test
  void oneReadServesEveryTableItCoversUntilItIsOlderThanTheMaximumAge() throws Exception {
    SnowflakeMetadataCache cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    cache.lookup(key("b"), CONTEXT);
    reads.clear();

    clock.advance(MAX_AGE);
    assertThat(cache.lookup(key("a"), CONTEXT).rowCount()).isEqualTo(3L);
    clock.advance(MAX_AGE.minusNanos(1));
    assertThat(cache.lookup(key("b"), CONTEXT).rowCount()).isEqualTo(3L);
    assertThat(cache.lookup(key("a"), CONTEXT).rowCount()).isEqualTo(3L);

    assertThat(reads).containsExactly(Set.of(key("a"), key("b")));
  }

  @Test
  void aTableTheLastReadDidNotCoverIsReadWithAllTheOthers() throws Exception {
    SnowflakeMetadataCache cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    cache.lookup(key("b"), CONTEXT);

    assertThat(reads).containsExactly(Set.of(key("a")), Set.of(key("a"), key("b")));
  }

  @Test
  void aMissingTableIsAnErrorWithItsReasonAndDoesNotCostAnotherRead() throws Exception {
    SnowflakeMetadataCache cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    assertThatThrownBy(() -> cache.lookup(key("missing"), CONTEXT)).isInstanceOfSatisfying(WarehouseException.class,
        e -> assertThat(e.failure()).isEqualTo(WarehouseFailure.TABLE_NOT_FOUND));
    assertThatThrownBy(() -> cache.lookup(key("missing"), CONTEXT)).hasMessage("table DB.PUBLIC.missing does not exist");

    assertThat(reads).hasSize(2);
  }

  @Test
  void aFailedReadIsSharedForTheWindowSoAnOutageCostsOneAttempt() throws Exception {
    SnowflakeMetadataCache cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    cache.lookup(key("b"), CONTEXT);
    clock.advance(MAX_AGE);
    failure = new WarehouseException(WarehouseFailure.UNREACHABLE, "cannot connect");
    reads.clear();

    for (String table : List.of("a", "b", "a")) {
      assertThatThrownBy(() -> cache.lookup(key(table), CONTEXT)).isInstanceOfSatisfying(WarehouseException.class,
          e -> assertThat(e).extracting(WarehouseException::failure, Throwable::getMessage)
              .containsExactly(WarehouseFailure.UNREACHABLE, "cannot connect"));
    }
    assertThat(reads).hasSize(1);

    failure = null;
    clock.advance(MAX_AGE);
    assertThat(cache.lookup(key("b"), CONTEXT)).isNotNull();
  }

  @Test
  void aZeroMaximumAgeReadsOnEveryLookup() throws Exception {
    SnowflakeMetadataCache cache = cache(Duration.ZERO);
    cache.lookup(key("a"), CONTEXT);
    cache.lookup(key("a"), CONTEXT);

    assertThat(reads).hasSize(2);
  }

  @Test
  void tablesNotAskedAboutForADayLeaveTheQuery() throws Exception {
    SnowflakeMetadataCache cache = cache(MAX_AGE);
    cache.lookup(key("retired"), CONTEXT);
    clock.advance(Duration.ofDays(1).plusSeconds(1));

    cache.lookup(key("a"), CONTEXT);

    assertThat(reads.get(1)).containsExactly(key("a"));
  }

  @Test
  void lookupsThatArriveDuringAReadWaitForItInsteadOfReadingAgain() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hold = new AtomicBoolean();
    SnowflakeMetadataCache cache = new SnowflakeMetadataCache((tables, context) -> {
      if (hold.get()) {
        reading.countDown();
        awaitQuietly(release);
      }
      return read(tables, context);
    }, clock, MAX_AGE, Duration.ofDays(1));
    cache.lookup(key("a"), CONTEXT);
    clock.advance(MAX_AGE);
    reads.clear();
    hold.set(true);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Future<TableMetadata> first = pool.submit(() -> cache.lookup(key("a"), CONTEXT));
      assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<TableMetadata>> waiting = List.of(pool.submit(() -> cache.lookup(key("a"), CONTEXT)),
          pool.submit(() -> cache.lookup(key("a"), CONTEXT)), pool.submit(() -> cache.lookup(key("a"), CONTEXT)));
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS).rowCount()).isEqualTo(2L);
      for (Future<TableMetadata> lookup : waiting) {
        assertThat(lookup.get(5, TimeUnit.SECONDS).rowCount()).isEqualTo(2L);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(reads).hasSize(1);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
