package io.meshwatch.activities.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.model.OutputFormat;
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

class SharedMetadataTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(1);
  private static final QueryContext CONTEXT = new QueryContext(new QueryTag("meshwatch:a/b"), new StatementTally());

  private final MutableClock clock = new MutableClock(Instant.parse("2024-06-10T12:00:00Z"));
  private final List<Set<String>> reads = new CopyOnWriteArrayList<>();
  private final AtomicInteger readCount = new AtomicInteger();
  private volatile WarehouseException failure;

  private static String key(String table) {
    return "DB.PUBLIC." + table;
  }

  /** Answers every table with the number of reads so far. */
  private Map<String, MetadataAnswer<Long>> read(Set<String> tables, QueryContext context) throws WarehouseException {
    reads.add(tables);
    long count = readCount.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    Map<String, MetadataAnswer<Long>> result = new LinkedHashMap<>();
    for (String table : tables) {
      result.put(table, table.startsWith("DB.PUBLIC.missing")
          ? MetadataAnswer.Failed.notFound("table " + table + " does not exist")
          : new MetadataAnswer.Found<>(count));
    }
    return result;
  }

  private SharedMetadata<String, Long> cache(Duration maxAge) {
    return new SharedMetadata<>(this::read, clock, maxAge, Duration.ofDays(1));
  }

  @Test
  void oneReadServesEveryTableItCoversUntilItIsOlderThanTheMaximumAge() throws Exception {
    SharedMetadata<String, Long> cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    cache.lookup(key("b"), CONTEXT);
    reads.clear();

    clock.advance(MAX_AGE);
    assertThat(cache.lookup(key("a"), CONTEXT)).isEqualTo(3L);
    clock.advance(MAX_AGE.minusNanos(1));
    assertThat(cache.lookup(key("b"), CONTEXT)).isEqualTo(3L);
    assertThat(cache.lookup(key("a"), CONTEXT)).isEqualTo(3L);

    assertThat(reads).containsExactly(Set.of(key("a"), key("b")));
  }

  @Test
  void aTableAskedForTheFirstTimeIsReadAloneAndJoinsTheSharedReadOnceItAges() throws Exception {
    SharedMetadata<String, Long> cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    clock.advance(MAX_AGE.dividedBy(2));
    cache.lookup(key("b"), CONTEXT);
    clock.advance(MAX_AGE.dividedBy(2));
    cache.lookup(key("a"), CONTEXT);
    assertThat(cache.lookup(key("b"), CONTEXT)).isEqualTo(3L);
    clock.advance(MAX_AGE);
    cache.lookup(key("b"), CONTEXT);

    assertThat(reads).containsExactly(Set.of(key("a")), Set.of(key("b")), Set.of(key("a"), key("b")),
        Set.of(key("a"), key("b")));
  }

  @Test
  void aMissingTableIsAnErrorWithItsReasonAndDoesNotCostAnotherRead() throws Exception {
    SharedMetadata<String, Long> cache = cache(MAX_AGE);
    cache.lookup(key("a"), CONTEXT);
    assertThatThrownBy(() -> cache.lookup(key("missing"), CONTEXT)).isInstanceOfSatisfying(WarehouseException.class,
        e -> assertThat(e.failure()).isEqualTo(WarehouseFailure.TABLE_NOT_FOUND));
    assertThatThrownBy(() -> cache.lookup(key("missing"), CONTEXT)).hasMessage("table DB.PUBLIC.missing does not exist");

    assertThat(reads).hasSize(2);
  }

  @Test
  void aFailedReadIsSharedForTheWindowSoAnOutageCostsOneAttempt() throws Exception {
    SharedMetadata<String, Long> cache = cache(MAX_AGE);
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
  void aZeroMaximumAgeSharesNothingEachLookupReadsItsOwnTable() throws Exception {
    SharedMetadata<String, Long> cache = cache(Duration.ZERO);
    cache.lookup(key("a"), CONTEXT);
    cache.lookup(key("b"), CONTEXT);
    cache.lookup(key("a"), CONTEXT);

    assertThat(cache.shares()).isFalse();
    assertThat(reads).containsExactly(Set.of(key("a")), Set.of(key("b")), Set.of(key("a")));
  }

  @Test
  void theMaximumAgeIsAnIsoDurationPropertyOfTheConnectionWithADefault() {
    assertThat(SharedMetadata.maxAge(settings(Map.of()), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(SharedMetadata.maxAge(settings(Map.of("metadata_max_age", "PT0S")), Duration.ofMinutes(1))).isZero();
    assertThat(SharedMetadata.maxAge(settings(Map.of("metadata_max_age", "PT12S")), Duration.ZERO))
        .isEqualTo(Duration.ofSeconds(12));
    assertThatThrownBy(() -> SharedMetadata.maxAge(settings(Map.of("metadata_max_age", "soon")), Duration.ZERO))
        .hasMessage("warehouse connection 'wh': metadata_max_age must be a duration of zero or more (ISO-8601,"
            + " such as PT1M), got 'soon'");
    assertThatThrownBy(() -> SharedMetadata.maxAge(settings(Map.of("metadata_max_age", "-PT1S")), Duration.ZERO))
        .hasMessageContaining("got '-PT1S'");
  }

  private static ConnectionSettings settings(Map<String, String> properties) {
    return new ConnectionSettings("wh", OutputFormat.POSTGRES, "jdbc:postgresql://localhost/x", null, null, null,
        true, properties);
  }

  @Test
  void tablesNotAskedAboutForADayLeaveTheQuery() throws Exception {
    SharedMetadata<String, Long> cache = cache(MAX_AGE);
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
    SharedMetadata<String, Long> cache = new SharedMetadata<String, Long>((tables, context) -> {
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
      Future<Long> first = pool.submit(() -> cache.lookup(key("a"), CONTEXT));
      assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
      List<Future<Long>> waiting = List.of(pool.submit(() -> cache.lookup(key("a"), CONTEXT)),
          pool.submit(() -> cache.lookup(key("a"), CONTEXT)), pool.submit(() -> cache.lookup(key("a"), CONTEXT)));
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2L);
      for (Future<Long> lookup : waiting) {
        assertThat(lookup.get(5, TimeUnit.SECONDS)).isEqualTo(2L);
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
