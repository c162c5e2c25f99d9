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
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    String key = input.product().toString();
    Instant at = Instants.micros(input.at());
    Instant now = Instants.micros(clock.instant());

    return dsl.transactionResult(configuration -> {
      DSLContext tx = configuration.dsl();
      // Serialises cycles of one product (a timed-out attempt may still run beside its retry)
      // without blocking inserts that merely reference the product.
      ProductsRecord product =
          tx.selectFrom(PRODUCTS).where(PRODUCTS.PRODUCT_ID.eq(key)).forNoKeyUpdate().fetchOne();
      if (product == null) {
        throw new RejectedCycleException(StoreFailure.UNKNOWN_PRODUCT, "product " + key + " is not registered");
      }
      if (input.specVersion() > product.getCurrentVersion()) {
        throw new RejectedCycleException(
            StoreFailure.INVALID_CYCLE,
            "product " + key + " has no spec version " + input.specVersion() + " (current " + product.getCurrentVersion() + ")");
      }

      if (input.evaluated()) {
        upsertEvaluation(tx, input, at, now);
      }
      upsertCheckResults(tx, input, at, now);
      if (product.getActive()) {
        timeline.record(tx, input, product.getCreatedAt());
        upsertMaintenance(tx, input, at);
      }
      return new RecordCycleOutput(input.results().size());
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

  private static void upsertEvaluation(DSLContext tx, RecordCycleInput input, Instant at, Instant now) {
    tx.insertInto(EVALUATIONS)
        .set(EVALUATIONS.PRODUCT_ID, input.product().toString())
        .set(EVALUATIONS.SCHEDULED_AT, at)
        .set(EVALUATIONS.SPEC_VERSION, input.specVersion())
        .set(EVALUATIONS.DATA_VERSION, input.dataVersion())
        .set(EVALUATIONS.QUERIES, input.queries())
        .set(EVALUATIONS.SCANS, input.scans())
        .set(EVALUATIONS.ROWS_SCANNED, input.rowsScanned())
        .set(EVALUATIONS.DURATION_MS, input.durationMillis())
        .set(EVALUATIONS.BYTES_PROCESSED, input.bytesProcessed())
        .set(EVALUATIONS.BYTES_BILLED, input.bytesBilled())
        .set(EVALUATIONS.STATE, input.state().name())
        .set(EVALUATIONS.RECORDED_AT, now)
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

  private static void upsertCheckResults(DSLContext tx, RecordCycleInput input, Instant at, Instant now) {
    if (input.results().isEmpty()) {
      return;
    }
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
    for (CheckResult r : input.results()) {
      insert =
          insert.values(
              input.product().toString(),
              r.checkId(),
              at,
              r.kind().name(),
              r.outcome().name(),
              r.observed(),
              r.threshold(),
              r.violations(),
              r.rows(),
              r.message(),
              input.specVersion(),
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

  /**
   * Writes the declared maintenance this cycle's stretch of the timeline may cover: from where its
   * segment can reach back (the longest cycle gap, or where the state began) to the cycle.
   */
  private void upsertMaintenance(DSLContext tx, RecordCycleInput input, Instant at) {
    ProductSpec spec =
        SpecJson.parse(
            tx.select(SPEC_VERSIONS.SPEC)
                .from(SPEC_VERSIONS)
                .where(SPEC_VERSIONS.PRODUCT_ID.eq(input.product().toString()), SPEC_VERSIONS.VERSION.eq(input.specVersion()))
                .fetchSingle(SPEC_VERSIONS.SPEC)
                .data());
    if (spec.sla().maintenance().isEmpty()) {
      return;
    }
    Instant from = at.minus(timeline.maxCycleGap());
    if (input.stateSince() != null && input.stateSince().isBefore(from)) {
      from = input.stateSince();
    }
    for (TimeSpan span : MaintenanceCalendar.between(spec.sla(), from, at)) {
      tx.insertInto(MAINTENANCE_WINDOWS)
          .set(MAINTENANCE_WINDOWS.PRODUCT_ID, input.product().toString())
          .set(MAINTENANCE_WINDOWS.STARTED_AT, Instants.micros(span.start()))
          .set(MAINTENANCE_WINDOWS.ENDED_AT, Instants.micros(span.end()))
          .onConflict(MAINTENANCE_WINDOWS.PRODUCT_ID, MAINTENANCE_WINDOWS.STARTED_AT)
          .doUpdate()
          .set(MAINTENANCE_WINDOWS.ENDED_AT, DSL.greatest(MAINTENANCE_WINDOWS.ENDED_AT, excluded(MAINTENANCE_WINDOWS.ENDED_AT)))
          .execute();
    }
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
