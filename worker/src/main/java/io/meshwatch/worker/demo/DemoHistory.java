package io.meshwatch.worker.demo;

import io.meshwatch.activities.store.ApplyOutcome;
import io.meshwatch.activities.store.ApplyResult;
import io.meshwatch.activities.store.IncidentStore;
import io.meshwatch.activities.store.Period;
import io.meshwatch.activities.store.RegistryStore;
import io.meshwatch.activities.store.ResultStore;
import io.meshwatch.activities.store.StatusTimeline;
import io.meshwatch.activities.store.StoreDatabase;
import io.meshwatch.worker.demo.Episode.Kind;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.model.ProductId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Seeds a fresh demo store with a realistic past, so scores, the quarterly report and the SLA
 * dashboards show figures from the start: the previous calendar quarter and the current one up to
 * shortly before the demo starts ({@link HistorySpan}), for the three demo products, as their
 * monitors and incidents would have recorded it ({@link DemoScript}, {@link SeededTimeline},
 * {@link SeededIncidents}).
 *
 * <p>Everything goes through the store's own write paths — the registry (each product registered
 * with its demo spec as version 1 at the history's start), {@link ResultStore#recordCycles}, the
 * incident store — in one transaction: a store is seeded whole or not at all. A store that already
 * knows any demo product is left alone, so a restarted demo never seeds twice.
 *
 * <p>Volumes for a full previous quarter and a current quarter nearly over (about 180 days): a cycle
 * every hour per product plus a few at events, about 4,400 each; evaluations once a day for
 * orders-daily and every hour for the other two, about 9,000; about 80,000 check results; 20 to 25
 * incidents, each with its transitions. Seeding takes a few seconds.
 */
public final class DemoHistory {

  /**
   * Nothing happens in the last day of the history: its incidents are all over before the live
   * monitors open theirs, whose ids come from when their breach began (hours before the demo starts
   * for a late product), so a seeded incident can never take a live one's id.
   */
  static final Duration QUIET_BEFORE_END = Duration.ofDays(1);

  private DemoHistory() {}

  /** Seeds the history of a demo started at {@code now}, unless the store already knows a demo product. */
  public static SeededHistory seedIfFresh(StoreDatabase store, List<DemoSpec> specs, EscalationLadder ladder, Instant now) {
    HistorySpan span = HistorySpan.before(now);
    return store.dsl().transactionResult(configuration -> seed(configuration.dsl(), specs, ladder, span));
  }

  private static SeededHistory seed(DSLContext tx, List<DemoSpec> specs, EscalationLadder ladder, HistorySpan span) {
    RegistryStore registry = new RegistryStore(tx);
    List<String> known = specs.stream().map(s -> s.spec().id()).filter(id -> registry.find(id).isPresent()).map(ProductId::toString)
        .toList();
    if (!known.isEmpty()) {
      return SeededHistory.skipped(span, "the store already holds " + String.join(", ", known));
    }
    Clock clock = Clock.systemUTC();
    ResultStore results = new ResultStore(tx, new StatusTimeline(tx, StatusTimeline.DEFAULT_MAX_CYCLE_GAP), clock);
    IncidentStore incidents = new IncidentStore(tx, clock);

    long cycles = 0;
    long evaluations = 0;
    long checkResults = 0;
    long incidentCount = 0;
    for (DemoSpec demo : specs) {
      ProductId id = demo.spec().id();
      ApplyResult applied = registry.apply(demo.spec(), demo.text(), "demo", span.from());
      if (applied.outcome() != ApplyOutcome.CREATED || applied.version() != 1) {
        throw new IllegalStateException("demo product " + id + " was not new: " + applied);
      }
      SeededProduct product = plan(demo, span);
      cycles += product.cycles().size();
      evaluations += product.evaluations();
      checkResults += results.recordCycles(product.cycles());
      // The live monitor starts a segment of its own: the time until its first cycle was not measured.
      results.timeline().closeOpen(id);
      SeededIncidents story = new SeededIncidents(demo.spec(), ladder.with(demo.spec().escalation()), DemoScript.responder(id),
          DemoScript.seed(id.toString()));
      for (Breach breach : product.breaches()) {
        for (RecordIncidentInput transition : story.of(breach)) {
          incidents.record(transition);
        }
        incidentCount++;
      }
    }
    return new SeededHistory(true, span, specs.size(), cycles, evaluations, checkResults, incidentCount, null);
  }

  /** One product's seeded past: both quarters' episodes and the worker's outages, replayed by its monitor. */
  static SeededProduct plan(DemoSpec demo, HistorySpan span) {
    ProductId id = demo.spec().id();
    List<Episode> episodes = new ArrayList<>();
    for (Period quarter : span.quarters()) {
      episodes.addAll(DemoScript.episodes(id, quarter));
      episodes.add(DemoScript.workerOutage(quarter));
    }
    Instant quietFrom = span.to().minus(QUIET_BEFORE_END);
    // An episode not over by the quiet day belongs to a part of the quarter that has not happened yet.
    episodes.removeIf(e -> e.end().isAfter(quietFrom) || (e.kind() != Kind.WORKER_DOWN && e.start().isBefore(span.from())));
    return new SeededTimeline(demo.spec(), 1, DemoScript.cadence(id), DemoScript.warnShare(id), episodes, DemoScript.seed(id.toString()))
        .run(span.from(), span.to());
  }
}
