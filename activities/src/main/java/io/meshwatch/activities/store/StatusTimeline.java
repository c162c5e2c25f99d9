package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.jooq.Tables.STATUS_SEGMENTS;
import static org.jooq.impl.DSL.excluded;

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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 * the gap stays unmeasured instead of counting as on time — except after a pause: a paused monitor
 * does not poll, so a paused segment lasts until the next cycle and the next state starts there.
 * Recording the same cycle again changes nothing.
 */
public final class StatusTimeline {

  /**
   * The longest wait between two cycles of a running monitor before the time between counts as
   * unmeasured: several of the default five-minute poll intervals, and short enough that an outage
   * of the worker shows as missing coverage rather than as time on time.
   */
  public static final Duration DEFAULT_MAX_CYCLE_GAP = Duration.ofHours(1);

  private static final int MAX_REASON_LENGTH = 1_000;
  private static final String PAUSED = ProductState.PAUSED.name();

  /** Segments per multi-row statement: 7 bind values each, well under PostgreSQL's 32,767. */
  private static final int SEGMENTS_PER_STATEMENT = 1_000;

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
    record(tx, List.of(input), registeredAt);
  }

  /**
   * Records cycles of one product in {@code tx}, oldest first, as {@link #record(DSLContext,
   * RecordCycleInput, Instant)} would one after the other: the segments are worked out in memory
   * from the stored open one, and each segment the cycles touched is written once.
   */
  void record(DSLContext tx, List<RecordCycleInput> inputs, Instant registeredAt) {
    if (inputs.isEmpty()) {
      return;
    }
    String key = inputs.get(0).product().toString();
    Segment open =
        tx.selectFrom(STATUS_SEGMENTS)
            .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key), STATUS_SEGMENTS.IS_OPEN.isTrue())
            .fetchOptional(Segment::of)
            .orElse(null);
    Instant floor = null;
    Map<Instant, Segment> touched = new TreeMap<>();
    for (RecordCycleInput input : inputs) {
      if (open == null && floor == null) {
        Instant lastEnd =
            tx.select(DSL.max(STATUS_SEGMENTS.ENDED_AT))
                .from(STATUS_SEGMENTS)
                .where(STATUS_SEGMENTS.PRODUCT_ID.eq(key))
                .fetchOne(0, Instant.class);
        floor = lastEnd == null ? Instants.micros(registeredAt) : Instants.max(Instants.micros(registeredAt), lastEnd);
      }
      open = next(open, floor, input, touched);
    }
    write(tx, key, touched);
  }

  /**
   * The open segment after {@code input}; every segment it changes goes into {@code touched}.
   * {@code floor}: where a timeline without an open segment may start (registration, or the end of
   * the last stored segment).
   */
  private Segment next(Segment open, Instant floor, RecordCycleInput input, Map<Instant, Segment> touched) {
    Instant at = Instants.micros(input.at());
    Instant since = input.stateSince() == null ? at : Instants.micros(input.stateSince());
    String state = input.state().name();
    String freshness = input.freshness() == null ? null : input.freshness().outcome().name();

    if (open == null) {
      if (at.isBefore(floor)) {
        return null; // a cycle older than what the timeline already holds
      }
      return opened(touched, new Segment(Instants.clamp(since, floor, at), at, true, state, freshness, reasonFor(input)));
    }
    if (at.isBefore(open.endedAt())) {
      return open; // older than what the open segment already covers: a stale retry
    }
    boolean stateChanged = !open.state().equals(state);
    boolean sameKind = !stateChanged && Objects.equals(open.freshness(), freshness);
    if (PAUSED.equals(open.state())) {
      // A paused monitor records its pause once and polls no more: the whole time until its next
      // cycle (the resume) was the owner's pause, however long, never the monitor being away. The
      // next state starts at that cycle, so lateness that began during the pause is not counted.
      return sameKind ? opened(touched, open.extendedTo(at)) : reopened(touched, open, at, state, freshness, input);
    }
    boolean monitorWasAway = Duration.between(open.endedAt(), at).compareTo(maxCycleGap) > 0;

    if (monitorWasAway) {
      // Close where last confirmed; what happened in the gap was not measured.
      touched.put(open.startedAt(), open.closedAt(open.endedAt()));
      Instant start = stateChanged ? Instants.clamp(since, open.endedAt(), at) : at;
      return opened(touched, new Segment(start, at, true, state, freshness, reasonFor(input)));
    }
    if (sameKind) {
      return opened(touched, open.extendedTo(at));
    }

    // The state began at stateSince; a freshness change alone is only known from this cycle on.
    Instant boundary = stateChanged ? Instants.clamp(since, open.startedAt(), at) : at;
    if (boundary.equals(open.startedAt())) {
      // The new state holds since the open segment began: the open segment measured nothing else.
      return opened(touched, new Segment(open.startedAt(), at, true, state, freshness, reasonFor(input)));
    }
    return reopened(touched, open, boundary, state, freshness, input);
  }

  /** Closes {@code open} at {@code boundary} and opens the new state's segment from there to the cycle. */
  private Segment reopened(Map<Instant, Segment> touched, Segment open, Instant boundary, String state, String freshness,
      RecordCycleInput input) {
    touched.put(open.startedAt(), open.closedAt(boundary));
    return opened(touched, new Segment(boundary, Instants.micros(input.at()), true, state, freshness, reasonFor(input)));
  }

  private static Segment opened(Map<Instant, Segment> touched, Segment segment) {
    // A closed zero-length segment may sit at this very instant (a product retired on the cycle it
    // started): the new segment takes its place.
    touched.put(segment.startedAt(), segment);
    return segment;
  }

  /**
   * Upserts the touched segments, closed ones first: at most one segment of a product may be open,
   * and the one closed here may be the stored open one.
   */
  private static void write(DSLContext tx, String key, Map<Instant, Segment> touched) {
    List<Segment> closed = touched.values().stream().filter(s -> !s.open()).toList();
    List<Segment> open = touched.values().stream().filter(Segment::open).toList();
    for (List<Segment> segments : List.of(closed, open)) {
      for (int from = 0; from < segments.size(); from += SEGMENTS_PER_STATEMENT) {
        var insert =
            tx.insertInto(
                STATUS_SEGMENTS,
                STATUS_SEGMENTS.PRODUCT_ID,
                STATUS_SEGMENTS.STARTED_AT,
                STATUS_SEGMENTS.ENDED_AT,
                STATUS_SEGMENTS.IS_OPEN,
                STATUS_SEGMENTS.STATE,
                STATUS_SEGMENTS.FRESHNESS,
                STATUS_SEGMENTS.REASON);
        for (Segment s : segments.subList(from, Math.min(segments.size(), from + SEGMENTS_PER_STATEMENT))) {
          insert = insert.values(key, s.startedAt(), s.endedAt(), s.open(), s.state(), s.freshness(), s.reason());
        }
        insert
            .onConflict(STATUS_SEGMENTS.PRODUCT_ID, STATUS_SEGMENTS.STARTED_AT)
            .doUpdate()
            .set(STATUS_SEGMENTS.ENDED_AT, excluded(STATUS_SEGMENTS.ENDED_AT))
            .set(STATUS_SEGMENTS.IS_OPEN, excluded(STATUS_SEGMENTS.IS_OPEN))
            .set(STATUS_SEGMENTS.STATE, excluded(STATUS_SEGMENTS.STATE))
            .set(STATUS_SEGMENTS.FRESHNESS, excluded(STATUS_SEGMENTS.FRESHNESS))
            .set(STATUS_SEGMENTS.REASON, excluded(STATUS_SEGMENTS.REASON))
            .execute();
      }
    }
  }

  /** A segment as the timeline's rules see it; {@code state} and {@code freshness} as stored. */
  private record Segment(Instant startedAt, Instant endedAt, boolean open, String state, String freshness, String reason) {

    static Segment of(StatusSegmentsRecord r) {
      return new Segment(r.getStartedAt(), r.getEndedAt(), r.getIsOpen(), r.getState(), r.getFreshness(), r.getReason());
    }

    Segment closedAt(Instant end) {
      return new Segment(startedAt, end, false, state, freshness, reason);
    }

    Segment extendedTo(Instant end) {
      return new Segment(startedAt, end, open, state, freshness, reason);
    }
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
