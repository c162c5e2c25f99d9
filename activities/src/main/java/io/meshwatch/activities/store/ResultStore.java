package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.jooq.Tables.CHECK_RESULTS;
import static io.meshwatch.activities.store.jooq.Tables.EVALUATIONS;
import static io.meshwatch.activities.store.jooq.Tables.MAINTENANCE_WINDOWS;
import static io.meshwatch.activities.store.jooq.Tables.PRODUCTS;
import static io.meshwatch.activities.store.jooq.Tables.SPEC_VERSIONS;
import static org.jooq.impl.DSL.excluded;

import io.meshwatch.activities.store.jooq.tables.records.CheckResultsRecord;
import io.meshwatch.activities.store.jooq.tables.records.EvaluationsRecord;
import io.meshwatch.activities.store.jooq.tables.records.ProductsRecord;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckPlan;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What the monitors observed: evaluations, check results and (through {@link StatusTimeline}) the
 * status timeline. Writes are keyed by the cycle's scheduled time and upserted, so a retried or
 * replayed cycle leaves exactly what one attempt would have (DESIGN §8).
 */
public final class ResultStore {

  private final DSLContext dsl;
  private final StatusTimeline timeline;
  private final Clock clock;

  public ResultStore(DSLContext dsl, StatusTimeline timeline, Clock clock) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ResultStore(DSLContext dsl) {
    this(dsl, new StatusTimeline(dsl, StatusTimeline.DEFAULT_MAX_CYCLE_GAP), Clock.systemUTC());
  }

  public StatusTimeline timeline() {
    return timeline;
  }

  /**
   * Records one cycle in one transaction: the evaluation (when the cycle scanned), every check
   * result, the status timeline, and the declared maintenance the timeline now reaches. A retired
   * product's results are kept, but its timeline stays closed.
   *
   * @throws RejectedCycleException for input no retry can fix (malformed, unknown product or version)
   */
  public RecordCycleOutput recordCycle(RecordCycleInput input) {
    validate(input);
    return new RecordCycleOutput(record(input.product(), List.of(input)));
  }

  /**
   * Records a stretch of one product's cycles, oldest first, in one transaction: the store ends up
   * exactly as if {@link #recordCycle} had been called for each in turn, but evaluations and check
   * results are written a few hundred rows per statement and the product is locked once. For
   * history that did not come from a running monitor (the demo's seeded past): a monitor records
   * its cycles one at a time, as they happen.
   *
   * @return the number of check results written
   * @throws RejectedCycleException when a cycle is malformed, names another product or an unknown
   *     version, or the cycles are not in strictly increasing time order; nothing is written then
   */
  public int recordCycles(List<RecordCycleInput> cycles) {
    Objects.requireNonNull(cycles, "cycles");
    if (cycles.isEmpty()) {
      return 0;
    }
    ProductId product = cycles.get(0).product();
    Instant previous = null;
    for (RecordCycleInput cycle : cycles) {
      validate(cycle);
      if (!cycle.product().equals(product)) {
        throw invalid("a stretch of cycles belongs to one product: " + product + " and " + cycle.product());
      }
      // One statement writes each cycle's rows: a time seen twice would update a row it inserted.
      Instant at = Instants.micros(cycle.at());
      if (previous != null && !at.isAfter(previous)) {
        throw invalid("cycles must be in increasing time order: " + at + " after " + previous);
      }
      previous = at;
    }
    return record(product, cycles);
  }

  private int record(ProductId product, List<RecordCycleInput> cycles) {
    String key = product.toString();
    Instant now = Instants.micros(clock.instant());

    return dsl.transactionResult(configuration -> {
      DSLContext tx = configuration.dsl();
      // Serialises cycles of one product (a timed-out attempt may still run beside its retry)
      // without blocking inserts that merely reference the product.
      ProductsRecord row =
          tx.selectFrom(PRODUCTS).where(PRODUCTS.PRODUCT_ID.eq(key)).forNoKeyUpdate().fetchOne();
      if (row == null) {
        throw new RejectedCycleException(StoreFailure.UNKNOWN_PRODUCT, "product " + key + " is not registered");
      }
      for (RecordCycleInput input : cycles) {
        if (input.specVersion() > row.getCurrentVersion()) {
          throw new RejectedCycleException(
              StoreFailure.INVALID_CYCLE,
              "product " + key + " has no spec version " + input.specVersion() + " (current " + row.getCurrentVersion() + ")");
        }
      }

      upsertEvaluations(tx, cycles.stream().filter(RecordCycleInput::evaluated).toList(), now);
      int written = upsertCheckResults(tx, cycles, now);
      if (row.getActive()) {
        timeline.record(tx, cycles, row.getCreatedAt());
        upsertMaintenance(tx, cycles);
      }
      return written;
    });
  }

  /**
   * The latest result of each check the product's current spec asks for, in plan order. Checks that
   * have no result yet are missing; checks dropped from the spec are left out.
   */
  public List<RecordedCheckResult> findLatestResults(ProductId product) {
    String key = product.toString();
    var current =
        dsl.select(SPEC_VERSIONS.SPEC)
            .from(PRODUCTS)
            .join(SPEC_VERSIONS)
            .on(SPEC_VERSIONS.PRODUCT_ID.eq(PRODUCTS.PRODUCT_ID), SPEC_VERSIONS.VERSION.eq(PRODUCTS.CURRENT_VERSION))
            .where(PRODUCTS.PRODUCT_ID.eq(key))
            .fetchOptional(SPEC_VERSIONS.SPEC);
    if (current.isEmpty()) {
      return List.of();
    }
    List<String> planned = CheckPlan.of(SpecJson.parse(current.get().data())).stream().map(Check::id).toList();
    Map<String, Integer> order = new HashMap<>();
    for (String id : planned) {
      order.putIfAbsent(id, order.size());
    }

    return dsl.selectDistinct(CHECK_RESULTS.fields())
        .on(CHECK_RESULTS.CHECK_ID)
        .from(CHECK_RESULTS)
        .where(CHECK_RESULTS.PRODUCT_ID.eq(key), CHECK_RESULTS.CHECK_ID.in(planned))
        .orderBy(CHECK_RESULTS.CHECK_ID, CHECK_RESULTS.SCHEDULED_AT.desc())
        .fetchInto(CHECK_RESULTS)
        .stream()
        .map(ResultStore::toResult)
        .sorted(Comparator.comparing(r -> order.get(r.result().checkId())))
        .toList();
  }

  /** Every check result recorded for the cycle scheduled at {@code scheduledAt}, by check id. */
  public List<RecordedCheckResult> findResults(ProductId product, Instant scheduledAt) {
    return dsl.selectFrom(CHECK_RESULTS)
        .where(CHECK_RESULTS.PRODUCT_ID.eq(product.toString()), CHECK_RESULTS.SCHEDULED_AT.eq(Instants.micros(scheduledAt)))
        .orderBy(CHECK_RESULTS.CHECK_ID)
        .fetch(ResultStore::toResult);
  }

  /** The product's most recent evaluation (cycle that scanned the data). */
  public Optional<Evaluation> findLatestEvaluation(ProductId product) {
    return dsl.selectFrom(EVALUATIONS)
        .where(EVALUATIONS.PRODUCT_ID.eq(product.toString()))
        .orderBy(EVALUATIONS.SCHEDULED_AT.desc())
        .limit(1)
        .fetchOptional(ResultStore::toEvaluation);
  }

  /** Rows per multi-row statement: well under PostgreSQL's 32,767 bind values at 13 columns a row. */
  private static final int ROWS_PER_STATEMENT = 500;

  private static void upsertEvaluations(DSLContext tx, List<RecordCycleInput> evaluated, Instant now) {
    for (int from = 0; from < evaluated.size(); from += ROWS_PER_STATEMENT) {
      var insert =
          tx.insertInto(
              EVALUATIONS,
              EVALUATIONS.PRODUCT_ID,
              EVALUATIONS.SCHEDULED_AT,
              EVALUATIONS.SPEC_VERSION,
              EVALUATIONS.DATA_VERSION,
              EVALUATIONS.QUERIES,
              EVALUATIONS.SCANS,
              EVALUATIONS.ROWS_SCANNED,
              EVALUATIONS.DURATION_MS,
              EVALUATIONS.BYTES_PROCESSED,
              EVALUATIONS.BYTES_BILLED,
              EVALUATIONS.STATE,
              EVALUATIONS.RECORDED_AT);
      for (RecordCycleInput input : evaluated.subList(from, Math.min(evaluated.size(), from + ROWS_PER_STATEMENT))) {
        insert =
            insert.values(
                input.product().toString(),
                Instants.micros(input.at()),
                input.specVersion(),
                input.dataVersion(),
                input.queries(),
                input.scans(),
                input.rowsScanned(),
                input.durationMillis(),
                input.bytesProcessed(),
                input.bytesBilled(),
                input.state().name(),
                now);
      }
      insert
          .onConflict(EVALUATIONS.PRODUCT_ID, EVALUATIONS.SCHEDULED_AT)
          .doUpdate()
          .set(EVALUATIONS.SPEC_VERSION, excluded(EVALUATIONS.SPEC_VERSION))
          .set(EVALUATIONS.DATA_VERSION, excluded(EVALUATIONS.DATA_VERSION))
          .set(EVALUATIONS.QUERIES, excluded(EVALUATIONS.QUERIES))
          .set(EVALUATIONS.SCANS, excluded(EVALUATIONS.SCANS))
          .set(EVALUATIONS.ROWS_SCANNED, excluded(EVALUATIONS.ROWS_SCANNED))
          .set(EVALUATIONS.DURATION_MS, excluded(EVALUATIONS.DURATION_MS))
          .set(EVALUATIONS.BYTES_PROCESSED, excluded(EVALUATIONS.BYTES_PROCESSED))
          .set(EVALUATIONS.BYTES_BILLED, excluded(EVALUATIONS.BYTES_BILLED))
          .set(EVALUATIONS.STATE, excluded(EVALUATIONS.STATE))
          .set(EVALUATIONS.RECORDED_AT, excluded(EVALUATIONS.RECORDED_AT))
          .execute();
    }
  }

  private static int upsertCheckResults(DSLContext tx, List<RecordCycleInput> cycles, Instant now) {
    List<Object[]> rows = new ArrayList<>();
    for (RecordCycleInput input : cycles) {
      Instant at = Instants.micros(input.at());
      for (CheckResult r : input.results()) {
        rows.add(new Object[] {input.product().toString(), r, at, input.specVersion()});
      }
    }
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      var insert =
          tx.insertInto(
              CHECK_RESULTS,
              CHECK_RESULTS.PRODUCT_ID,
              CHECK_RESULTS.CHECK_ID,
              CHECK_RESULTS.SCHEDULED_AT,
              CHECK_RESULTS.KIND,
              CHECK_RESULTS.OUTCOME,
              CHECK_RESULTS.OBSERVED,
              CHECK_RESULTS.THRESHOLD,
              CHECK_RESULTS.VIOLATIONS,
              CHECK_RESULTS.ROW_COUNT,
              CHECK_RESULTS.MESSAGE,
              CHECK_RESULTS.SPEC_VERSION,
              CHECK_RESULTS.RECORDED_AT);
      for (Object[] row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))) {
        CheckResult r = (CheckResult) row[1];
        insert =
            insert.values(
                (String) row[0],
                r.checkId(),
                (Instant) row[2],
                r.kind().name(),
                r.outcome().name(),
                r.observed(),
                r.threshold(),
                r.violations(),
                r.rows(),
                r.message(),
                (Long) row[3],
                now);
      }
      insert
          .onConflict(CHECK_RESULTS.PRODUCT_ID, CHECK_RESULTS.CHECK_ID, CHECK_RESULTS.SCHEDULED_AT)
          .doUpdate()
          .set(CHECK_RESULTS.KIND, excluded(CHECK_RESULTS.KIND))
          .set(CHECK_RESULTS.OUTCOME, excluded(CHECK_RESULTS.OUTCOME))
          .set(CHECK_RESULTS.OBSERVED, excluded(CHECK_RESULTS.OBSERVED))
          .set(CHECK_RESULTS.THRESHOLD, excluded(CHECK_RESULTS.THRESHOLD))
          .set(CHECK_RESULTS.VIOLATIONS, excluded(CHECK_RESULTS.VIOLATIONS))
          .set(CHECK_RESULTS.ROW_COUNT, excluded(CHECK_RESULTS.ROW_COUNT))
          .set(CHECK_RESULTS.MESSAGE, excluded(CHECK_RESULTS.MESSAGE))
          .set(CHECK_RESULTS.SPEC_VERSION, excluded(CHECK_RESULTS.SPEC_VERSION))
          .set(CHECK_RESULTS.RECORDED_AT, excluded(CHECK_RESULTS.RECORDED_AT))
          .execute();
    }
    return rows.size();
  }

  /**
   * Writes the declared maintenance these cycles' stretch of the timeline may cover: for each cycle,
   * from where its segment can reach back (the longest cycle gap, or where the state began) to the
   * cycle. Reaches that touch are merged first, so a long stretch of cycles expands each window once.
   */
  private void upsertMaintenance(DSLContext tx, List<RecordCycleInput> cycles) {
    Map<Long, ProductSpec> specs = new HashMap<>();
    Map<Instant, Instant> windows = new TreeMap<>();
    TimeSpan reach = null;
    long reachVersion = 0;
    for (RecordCycleInput input : cycles) {
      ProductSpec spec = specs.computeIfAbsent(input.specVersion(), version -> spec(tx, input.product(), version));
      if (spec.sla().maintenance().isEmpty()) {
        continue;
      }
      Instant at = Instants.micros(input.at());
      Instant from = at.minus(timeline.maxCycleGap());
      if (input.stateSince() != null && input.stateSince().isBefore(from)) {
        from = input.stateSince();
      }
      if (reach != null && reachVersion == input.specVersion() && !from.isAfter(reach.end())) {
        reach = new TimeSpan(from.isBefore(reach.start()) ? from : reach.start(), at);
      } else {
        expand(specs.get(reachVersion), reach, windows);
        reach = new TimeSpan(from, at);
        reachVersion = input.specVersion();
      }
    }
    expand(specs.get(reachVersion), reach, windows);
    String key = cycles.get(0).product().toString();
    for (Map.Entry<Instant, Instant> window : windows.entrySet()) {
      tx.insertInto(MAINTENANCE_WINDOWS)
          .set(MAINTENANCE_WINDOWS.PRODUCT_ID, key)
          .set(MAINTENANCE_WINDOWS.STARTED_AT, window.getKey())
          .set(MAINTENANCE_WINDOWS.ENDED_AT, window.getValue())
          .onConflict(MAINTENANCE_WINDOWS.PRODUCT_ID, MAINTENANCE_WINDOWS.STARTED_AT)
          .doUpdate()
          .set(MAINTENANCE_WINDOWS.ENDED_AT, DSL.greatest(MAINTENANCE_WINDOWS.ENDED_AT, excluded(MAINTENANCE_WINDOWS.ENDED_AT)))
          .execute();
    }
  }

  /**
   * Adds the maintenance of {@code spec} over {@code reach} to {@code windows} (start to the latest
   * end), a day at a time: the calendar bounds the occurrences it expands in one call.
   */
  private static void expand(ProductSpec spec, TimeSpan reach, Map<Instant, Instant> windows) {
    if (spec == null || reach == null) {
      return;
    }
    Instant from = reach.start();
    do {
      Instant dayLater = from.plus(Duration.ofDays(1));
      Instant to = dayLater.isBefore(reach.end()) ? dayLater : reach.end();
      for (TimeSpan span : MaintenanceCalendar.between(spec.sla(), from, to)) {
        windows.merge(Instants.micros(span.start()), Instants.micros(span.end()), Instants::max);
      }
      from = to;
    } while (from.isBefore(reach.end()));
  }

  private static ProductSpec spec(DSLContext tx, ProductId product, long version) {
    return SpecJson.parse(
        tx.select(SPEC_VERSIONS.SPEC)
            .from(SPEC_VERSIONS)
            .where(SPEC_VERSIONS.PRODUCT_ID.eq(product.toString()), SPEC_VERSIONS.VERSION.eq(version))
            .fetchSingle(SPEC_VERSIONS.SPEC)
            .data());
  }

  /** Declared maintenance recorded for the product that overlaps [{@code from}, {@code to}), oldest first. */
  public List<TimeSpan> findMaintenance(ProductId product, Instant from, Instant to) {
    return dsl.selectFrom(MAINTENANCE_WINDOWS)
        .where(
            MAINTENANCE_WINDOWS.PRODUCT_ID.eq(product.toString()),
            MAINTENANCE_WINDOWS.STARTED_AT.lt(to),
            MAINTENANCE_WINDOWS.ENDED_AT.gt(from))
        .orderBy(MAINTENANCE_WINDOWS.STARTED_AT)
        .fetch(r -> new TimeSpan(r.getStartedAt(), r.getEndedAt()));
  }

  private static void validate(RecordCycleInput input) {
    if (input == null) {
      throw invalid("no cycle given");
    }
    if (input.product() == null || input.at() == null || input.state() == null) {
      throw invalid("a cycle needs product, at and state");
    }
    if (input.specVersion() < 1) {
      throw invalid("specVersion must be at least 1, got " + input.specVersion());
    }
    if (input.evaluated() && (input.queries() < 0 || input.scans() < 0 || input.rowsScanned() < 0 || input.durationMillis() < 0
        || input.bytesProcessed() < 0 || input.bytesBilled() < 0)) {
      throw invalid("evaluation costs must not be negative");
    }
    Set<String> seen = new HashSet<>();
    for (CheckResult result : input.results()) {
      if (result == null || result.checkId().isBlank()) {
        throw invalid("every check result needs a check id");
      }
      if (!seen.add(result.checkId())) {
        throw invalid("check " + result.checkId() + " appears twice in one cycle");
      }
    }
  }

  private static RejectedCycleException invalid(String message) {
    return new RejectedCycleException(StoreFailure.INVALID_CYCLE, message);
  }

  private static RecordedCheckResult toResult(CheckResultsRecord r) {
    return new RecordedCheckResult(
        ProductId.parse(r.getProductId()),
        r.getScheduledAt(),
        r.getSpecVersion(),
        new CheckResult(
            r.getCheckId(),
            CheckKind.valueOf(r.getKind()),
            Outcome.valueOf(r.getOutcome()),
            r.getObserved(),
            r.getThreshold(),
            r.getViolations(),
            r.getRowCount(),
            r.getMessage()));
  }

  private static Evaluation toEvaluation(EvaluationsRecord r) {
    return new Evaluation(
        ProductId.parse(r.getProductId()),
        r.getScheduledAt(),
        r.getSpecVersion(),
        r.getDataVersion(),
        r.getQueries(),
        r.getScans(),
        r.getRowsScanned(),
        r.getDurationMs(),
        r.getBytesProcessed(),
        r.getBytesBilled(),
        ProductState.valueOf(r.getState()));
  }
}
