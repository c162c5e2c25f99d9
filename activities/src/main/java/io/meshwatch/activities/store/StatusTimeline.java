package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.jooq.Tables.STATUS_SEGMENTS;

import io.meshwatch.activities.store.jooq.tables.records.StatusSegmentsRecord;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A product's status timeline: non-overlapping segments of one (state, freshness outcome), from
 * which availability per period is computed (on-time time ÷ measured time, see db/README.md).
 *
 * <p>Each cycle extends the open segment when state and freshness are unchanged, or closes it and
 * opens the next one where the new state began ({@code stateSince}: a late state begins at its
 * deadline, possibly before the cycle). A cycle that comes more than {@code maxCycleGap} after the
 * open segment was last confirmed closes it where it was last confirmed: the monitor was away, and
 * the gap stays unmeasured instead of counting as on time. Recording the same cycle again changes
 * nothing.
 */
public final class StatusTimeline {

  /**
   * The longest wait between two cycles of a running monitor before the time between counts as
   * unmeasured: several of the default five-minute poll intervals, and short enough that an outage
   * of the worker shows as missing coverage rather than as time on time.
   */
  public static final Duration DEFAULT_MAX_CYCLE_GAP = Duration.ofHours(1);

  private static final int MAX_REASON_LENGTH = 1_000;

  private final DSLContext dsl;
  private final Duration maxCycleGap;

  public StatusTimeline(DSLContext dsl, Duration maxCycleGap) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.maxCycleGap = Objects.requireNonNull(maxCycleGap, "maxCycleGap");
    if (maxCycleGap.isNegative() || maxCycleGap.isZero()) {
      throw new IllegalArgumentException("maxCycleGap must be positive, got " + maxCycleGap);
    }
  }

  /** The longest wait between two cycles before the time between counts as unmeasured. */
  public Duration maxCycleGap() {
    return maxCycleGap;
  }

  /** The product's open segment: its state now and since when. */
  public Optional<StatusSegment> findCurrent(ProductId product) {
    return dsl.selectFrom(STATUS_SEGMENTS)
        .where(STATUS_SEGMENTS.PRODUCT_ID.eq(product.toString()), STATUS_SEGMENTS.IS_OPEN.isTrue())
        .fetchOptional(StatusTimeline::toSegment);
  }

  /**
   * Closes the product's open segment where it was last confirmed, so the next cycle starts a
   * segment of its own instead of extending this one. For a timeline written by something other
   * than the product's running monitor (the demo's seeded past): the monitor that comes next did not
   * see that stretch, and the time until its first cycle stays unmeasured.
   *
   * @return false when the product had no open segment
   */
  public boolean closeOpen(ProductId product) {
    return dsl.update(STATUS_SEGMENTS)
            .set(STATUS_SEGMENTS.IS_OPEN, false)
            .where(STATUS_SEGMENTS.PRODUCT_ID.eq(product.toString()), STATUS_SEGMENTS.IS_OPEN.isTrue())
            .execute()
        == 1;
  }

  /**
   * Segments overlapping [{@code from}, {@code to}), oldest first, as stored (not clipped to the
   * range). A zero-length segment counts when its instant lies in the range.
   */
  public List<StatusSegment> findSegments(ProductId product, Instant from, Instant to) {
    return dsl.selectFrom(STATUS_SEGMENTS)
        .where(
            STATUS_SEGMENTS.PRODUCT_ID.eq(product.toString()),
            STATUS_SEGMENTS.STARTED_AT.lt(to),
            STATUS_SEGMENTS.ENDED_AT.gt(from).or(STATUS_SEGMENTS.STARTED_AT.ge(from)))
        .orderBy(STATUS_SEGMENTS.STARTED_AT)
        .fetch(StatusTimeline::toSegment);
  }

  /**
   * Records one cycle in {@code tx}. The caller holds a lock on the product's row, so cycles of one
   * product are applied one after the other. {@code registeredAt}: the timeline never starts before
   * the product was registered.
   */
  void record(DSLContext tx, RecordCycleInput input, Instant registeredAt) {
    String key = input.product().toString();
    Instant at = Instants.micros(input.at());
    Instant since = input.stateSince() == null ? at : Instants.micros(input.stateSince());
    Outcome freshness = input.freshness() == null ? null : input.freshness().outcome();

    StatusSegmentsRecord open =
        tx.selectFrom(STATUS_SEGMENTS)
            .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key), STATUS_SEGMENTS.IS_OPEN.isTrue())
            .fetchOne();

    if (open == null) {
      Instant floor = Instants.micros(registeredAt);
      Instant lastEnd =
          tx.select(DSL.max(STATUS_SEGMENTS.ENDED_AT))
              .from(STATUS_SEGMENTS)
              .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key))
              .fetchOne(0, Instant.class);
      if (lastEnd != null) {
        floor = Instants.max(floor, lastEnd);
      }
      if (at.isBefore(floor)) {
        return; // a cycle older than what the timeline already holds
      }
      openSegment(tx, key, Instants.clamp(since, floor, at), at, input, freshness);
      return;
    }

    if (at.isBefore(open.getEndedAt())) {
      return; // older than what the open segment already covers: a stale retry
    }
    boolean stateChanged = !open.getState().equals(input.state().name());
    boolean sameKind = !stateChanged && Objects.equals(open.getFreshness(), name(freshness));
    boolean monitorWasAway = Duration.between(open.getEndedAt(), at).compareTo(maxCycleGap) > 0;

    if (monitorWasAway) {
      // Close where last confirmed; what happened in the gap was not measured.
      closeSegment(tx, key, open.getStartedAt(), open.getEndedAt());
      Instant start = stateChanged ? Instants.clamp(since, open.getEndedAt(), at) : at;
      openSegment(tx, key, start, at, input, freshness);
      return;
    }
    if (sameKind) {
      tx.update(STATUS_SEGMENTS)
          .set(STATUS_SEGMENTS.ENDED_AT, at)
          .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key), STATUS_SEGMENTS.STARTED_AT.eq(open.getStartedAt()))
          .execute();
      return;
    }

    // The state began at stateSince; a freshness change alone is only known from this cycle on.
    Instant boundary = stateChanged ? Instants.clamp(since, open.getStartedAt(), at) : at;
    if (boundary.equals(open.getStartedAt())) {
      // The new state holds since the open segment began: the open segment measured nothing else.
      tx.update(STATUS_SEGMENTS)
          .set(STATUS_SEGMENTS.STATE, input.state().name())
          .set(STATUS_SEGMENTS.FRESHNESS, name(freshness))
          .set(STATUS_SEGMENTS.REASON, reasonFor(input))
          .set(STATUS_SEGMENTS.ENDED_AT, at)
          .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key), STATUS_SEGMENTS.STARTED_AT.eq(open.getStartedAt()))
          .execute();
      return;
    }
    closeSegment(tx, key, open.getStartedAt(), boundary);
    openSegment(tx, key, boundary, at, input, freshness);
  }

  private static void closeSegment(DSLContext tx, String key, Instant startedAt, Instant endedAt) {
    tx.update(STATUS_SEGMENTS)
        .set(STATUS_SEGMENTS.IS_OPEN, false)
        .set(STATUS_SEGMENTS.ENDED_AT, endedAt)
        .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key), STATUS_SEGMENTS.STARTED_AT.eq(startedAt))
        .execute();
  }

  private static void openSegment(
      DSLContext tx, String key, Instant start, Instant at, RecordCycleInput input, Outcome freshness) {
    // A closed zero-length segment may sit at this very instant (a product retired on the cycle
    // it started): the new segment takes its place.
    tx.insertInto(STATUS_SEGMENTS)
        .set(STATUS_SEGMENTS.PRODUCT_ID, key)
        .set(STATUS_SEGMENTS.STARTED_AT, start)
        .set(STATUS_SEGMENTS.ENDED_AT, at)
        .set(STATUS_SEGMENTS.IS_OPEN, true)
        .set(STATUS_SEGMENTS.STATE, input.state().name())
        .set(STATUS_SEGMENTS.FRESHNESS, name(freshness))
        .set(STATUS_SEGMENTS.REASON, reasonFor(input))
        .onConflict(STATUS_SEGMENTS.PRODUCT_ID, STATUS_SEGMENTS.STARTED_AT)
        .doUpdate()
        .set(STATUS_SEGMENTS.ENDED_AT, at)
        .set(STATUS_SEGMENTS.IS_OPEN, true)
        .set(STATUS_SEGMENTS.STATE, input.state().name())
        .set(STATUS_SEGMENTS.FRESHNESS, name(freshness))
        .set(STATUS_SEGMENTS.REASON, reasonFor(input))
        .execute();
  }

  /** Why a state began, in words and check ids; never data values. */
  static String reasonFor(RecordCycleInput input) {
    FreshnessAssessment freshness = input.freshness();
    String freshnessReason = freshness == null ? null : freshness.reason();
    String reason =
        switch (input.state()) {
          case LATE ->
              freshnessReason != null
                  ? freshnessReason
                  : freshness != null && freshness.deadline() != null
                      ? "no refresh by the deadline " + freshness.deadline()
                      : null;
          case FAILING -> listed("failing", input.results(), Outcome.FAIL);
          case WARNING -> listed("warning", input.results(), Outcome.WARN);
          case ERROR -> {
            String errors = listed("could not measure", input.results(), Outcome.ERROR);
            yield errors != null ? errors : freshnessReason;
          }
          case UNKNOWN -> freshnessReason;
          case HEALTHY, PAUSED -> null;
        };
    return reason == null || reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
  }

  private static String listed(String label, List<CheckResult> results, Outcome outcome) {
    String ids =
        results.stream()
            .filter(r -> r.outcome() == outcome)
            .map(CheckResult::checkId)
            .collect(Collectors.joining(", "));
    return ids.isEmpty() ? null : label + ": " + ids;
  }

  private static String name(Outcome outcome) {
    return outcome == null ? null : outcome.name();
  }

  private static StatusSegment toSegment(StatusSegmentsRecord r) {
    return new StatusSegment(
        ProductId.parse(r.getProductId()),
        ProductState.valueOf(r.getState()),
        r.getFreshness() == null ? null : Outcome.valueOf(r.getFreshness()),
        r.getStartedAt(),
        r.getEndedAt(),
        r.getIsOpen(),
        r.getReason());
  }
}
