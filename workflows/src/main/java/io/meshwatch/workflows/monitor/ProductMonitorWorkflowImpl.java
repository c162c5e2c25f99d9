package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.SourceActivities;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.incident.IncidentClosed;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckPlan;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.meshwatch.workflows.model.ProductStates;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * The monitor loop. Workflow code only: it sequences activities and branches on their results; time
 * comes from {@link Workflow#currentTimeMillis()}, captured once per cycle and handed to activities.
 * Breaches become incidents, child workflows that outlive the monitor's runs ({@link ProductIncidents}).
 */
public class ProductMonitorWorkflowImpl implements ProductMonitorWorkflow {

  /** How many distinct update instants are kept as the observed update history. */
  static final int OBSERVED_UPDATES_KEPT = 20;

  private static final Logger log = Workflow.getLogger(ProductMonitorWorkflowImpl.class);

  private ProductSpec spec;
  private long specVersion;
  private MonitorSettings settings;
  private MonitorState state = MonitorState.initial();

  // Signals only set these; the loop acts on them, so handlers never race the loop.
  private SpecUpdate pendingSpec;
  private boolean evaluateRequested;
  private boolean specChanged;
  private String retiredBy;
  private boolean wake;
  private final List<IncidentClosed> closedIncidents = new ArrayList<>();

  private WarehouseActivities probes;
  private WarehouseActivities scans;
  private StoreActivities store;
  private SourceActivities sources;
  private ProductIncidents incidents;

  @Override
  public MonitorResult monitor(MonitorInput input) {
    spec = input.spec();
    specVersion = input.specVersion();
    settings = input.settings();
    if (input.carried() != null) {
      state = input.carried();
    }
    createStubs();
    incidents = new ProductIncidents(state.incidents(), sources, closedIncidents);
    while (true) {
      adoptPendingSpec();
      if (retiredBy != null) {
        incidents.retire(spec, retiredBy);
        state = withIncidents(incidents.tracking());
        log.info("monitor of {} ends: retired by {}", spec.id(), retiredBy);
        return new MonitorResult(spec.id(), retiredBy, state.evaluations());
      }
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      Instant nextCheckAt = null;
      if (!state.paused()) {
        nextCheckAt = cycle(now);
      } else if (state.state() != ProductState.PAUSED) {
        recordPaused(now);
      }
      if (historyIsLong()) {
        // A closure still queued would be lost with this run.
        incidents.applyClosed();
        state = withIncidents(incidents.tracking());
        Workflow.continueAsNew(new MonitorInput(spec, specVersion, settings, state));
      }
      waitForNextCycle(now, nextCheckAt);
    }
  }

  // ---- signals and query ----

  @Override
  public void applySpec(SpecUpdate update) {
    if (pendingSpec == null || update.specVersion() >= pendingSpec.specVersion()) {
      pendingSpec = update;
    }
    wake = true;
  }

  @Override
  public void evaluateNow(EvaluateNow request) {
    evaluateRequested = true;
    wake = true;
  }

  @Override
  public void pause(PauseRequest request) {
    if (!state.paused()) {
      state = withPaused(true);
    }
    wake = true;
  }

  @Override
  public void resume(ResumeRequest request) {
    if (state.paused()) {
      state = withPaused(false);
      evaluateRequested = true;
    }
    wake = true;
  }

  @Override
  public void retire(RetireRequest request) {
    retiredBy = request.requestedBy() == null ? "unknown" : request.requestedBy();
    wake = true;
  }

  @Override
  public void incidentClosed(IncidentClosed closed) {
    // Queued: applied by the loop, which may be waiting on an activity right now.
    closedIncidents.add(closed);
  }

  @Override
  public ProductStatus status() {
    ProductSpec current = spec;
    return new ProductStatus(
        current == null ? null : current.id(),
        specVersion,
        state.paused() ? ProductState.PAUSED : state.state(),
        state.stateSince(),
        state.paused(),
        state.freshness(),
        state.dataVersion(),
        state.lastCycleAt(),
        state.lastEvaluatedAt(),
        state.evaluations(),
        state.cycles(),
        state.incidents().incidentId() != null,
        state.incidents().incidentId() != null ? state.incidents().breachSince() : null,
        withFreshness(state.freshness(), state.results(), state.lastCycleAt()),
        state.incidents().incidentId());
  }

  // ---- the cycle ----

  /** Probes, evaluates when needed, records, keeps the incident up to date. Returns when freshness needs the next look. */
  private Instant cycle(Instant now) {
    FreshnessAssessment freshness;
    String version;
    String unreachableConnection = null;
    try {
      ProbeOutput probe = probes.probe(new ProbeInput(spec, now, state.observedUpdates()));
      freshness = probe.freshness();
      version = probe.dataVersion();
      unreachableConnection = probe.unreachableConnection();
    } catch (ActivityFailure e) {
      freshness = FreshnessAssessment.error("metadata probe failed: " + rootMessage(e));
      version = null;
    }

    boolean probeFailed = freshness.outcome() == Outcome.ERROR && version == null;
    boolean dataChanged = version == null || !version.equals(state.dataVersion());
    boolean evaluate = !probeFailed && (dataChanged || evaluateRequested || specChanged || state.evaluations() == 0);
    evaluateRequested = false;
    specChanged = false;

    List<CheckResult> results = state.results();
    EvaluateOutput evaluation = null;
    if (evaluate) {
      try {
        evaluation = scans.evaluate(new EvaluateInput(spec, now, version));
        results = evaluation.results();
      } catch (ActivityFailure e) {
        results = allErrors("evaluation failed: " + rootMessage(e));
        evaluation = new EvaluateOutput(results, 0, 0, 0, 0, 0, 0);
      }
    }

    ProductState previous = state.state();
    ProductState next = ProductStates.derive(false, freshness, results);
    Instant since = state.stateSince();
    if (next != previous || since == null) {
      since = next == ProductState.LATE && freshness.lateSince() != null ? freshness.lateSince() : now;
    }

    List<Instant> observed = observe(state.observedUpdates(), freshness.lastUpdated());
    boolean freshnessChanged = state.freshness() == null || state.freshness().outcome() != freshness.outcome();
    List<CheckResult> recorded = evaluation != null || freshnessChanged ? withFreshness(freshness, evaluation == null ? List.of() : results, now) : List.of();
    record(new RecordCycleInput(
        spec.id(),
        specVersion,
        now,
        next,
        since,
        freshness,
        version,
        evaluation != null,
        recorded,
        evaluation == null ? 0 : evaluation.queries(),
        evaluation == null ? 0 : evaluation.scans(),
        evaluation == null ? 0 : evaluation.rowsScanned(),
        evaluation == null ? 0 : evaluation.durationMillis(),
        evaluation == null ? 0 : evaluation.bytesProcessed(),
        evaluation == null ? 0 : evaluation.bytesBilled()));

    state = new MonitorState(
        false,
        probeFailed ? state.dataVersion() : version,
        observed,
        results,
        freshness,
        next,
        since,
        state.incidents(),
        now,
        evaluation != null ? now : state.lastEvaluatedAt(),
        state.evaluations() + (evaluation != null ? 1 : 0),
        state.cycles());
    incidents.observe(spec, settings.ladder().with(spec.escalation()), now, next, since, freshness.late() ? freshness.lateSince() : null,
        withFreshness(freshness, results, now), unreachableConnection);
    // Counted last, so a query that sees the count sees the cycle's incident opened or signalled too.
    MonitorState s = state;
    state = new MonitorState(s.paused(), s.dataVersion(), s.observedUpdates(), s.results(), s.freshness(), s.state(), s.stateSince(),
        incidents.tracking(), s.lastCycleAt(), s.lastEvaluatedAt(), s.evaluations(), s.cycles() + 1);
    return freshness.nextCheckAt();
  }

  /** Paused time is its own segment of the timeline, so availability leaves it out. */
  private void recordPaused(Instant now) {
    record(new RecordCycleInput(spec.id(), specVersion, now, ProductState.PAUSED, now, state.freshness(), state.dataVersion(),
        false, List.of(), 0, 0, 0, 0, 0, 0));
    MonitorState s = state;
    state = new MonitorState(true, s.dataVersion(), s.observedUpdates(), s.results(), s.freshness(), ProductState.PAUSED, now,
        s.incidents(), now, s.lastEvaluatedAt(), s.evaluations(), s.cycles());
  }

  private void waitForNextCycle(Instant now, Instant nextCheckAt) {
    wake = false;
    if (state.paused()) {
      Workflow.await(() -> wake);
      return;
    }
    // Measured from the workflow time now, not the cycle start: the cycle's activities took time,
    // and a deadline timer must fire at the deadline itself.
    Instant timerStart = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Instant wakeAt = now.plus(settings.pollInterval());
    if (nextCheckAt != null && nextCheckAt.isAfter(now) && nextCheckAt.isBefore(wakeAt)) {
      wakeAt = nextCheckAt;
    }
    Duration sleep = Duration.between(timerStart, wakeAt);
    if (sleep.isNegative() || sleep.isZero()) {
      return;
    }
    Workflow.await(sleep, () -> wake);
  }

  private boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.isContinueAsNewSuggested()
        || (settings.historyEventsLimit() > 0 && info.getHistoryLength() >= settings.historyEventsLimit());
  }

  private void adoptPendingSpec() {
    SpecUpdate update = pendingSpec;
    pendingSpec = null;
    if (update != null && update.specVersion() > specVersion) {
      spec = update.spec();
      specVersion = update.specVersion();
      specChanged = true;
      log.info("monitor of {} now runs spec version {}", spec.id(), specVersion);
    }
  }

  // ---- activities, each failure contained so the monitor keeps running ----

  private void record(RecordCycleInput input) {
    try {
      store.recordCycle(input);
    } catch (ActivityFailure e) {
      log.error("could not record cycle of {} at {}: {}", input.product(), input.at(), rootMessage(e));
    }
  }

  private void createStubs() {
    RetryOptions probeRetry = RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofSeconds(30)).setMaximumAttempts(3).build();
    probes = Workflow.newActivityStub(WarehouseActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(settings.probeTimeout())
        .setRetryOptions(probeRetry)
        .build());
    scans = Workflow.newActivityStub(WarehouseActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(settings.evaluateTimeout())
        .setRetryOptions(probeRetry)
        .build());
    // The store retries for a long time: a record lost to a short outage would be a hole in the timeline.
    store = Workflow.newActivityStub(StoreActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(settings.storeTimeout())
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(1)).build())
        .build());
    // An outage report retries as long: a lost "up" would hold the source incident open.
    sources = Workflow.newActivityStub(SourceActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(settings.notifyTimeout())
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(1)).build())
        .build());
  }

  // ---- pure helpers ----

  private List<CheckResult> allErrors(String message) {
    List<CheckResult> errors = new ArrayList<>();
    for (Check check : CheckPlan.of(spec)) {
      if (!(check instanceof Check.Freshness)) {
        errors.add(CheckResult.error(check, message));
      }
    }
    return errors;
  }

  /** The freshness result first, then the other checks' results. */
  private List<CheckResult> withFreshness(FreshnessAssessment freshness, List<CheckResult> results, Instant now) {
    if (freshness == null) {
      return results;
    }
    List<CheckResult> all = new ArrayList<>(results.size() + 1);
    all.add(FreshnessResults.of(freshness, spec.quality().freshnessSlaHours(), now));
    all.addAll(results);
    return all;
  }

  private static List<Instant> observe(List<Instant> observed, Instant lastUpdated) {
    if (lastUpdated == null || (!observed.isEmpty() && !lastUpdated.isAfter(observed.get(observed.size() - 1)))) {
      return observed;
    }
    List<Instant> next = new ArrayList<>(observed);
    next.add(lastUpdated);
    return next.size() > OBSERVED_UPDATES_KEPT ? next.subList(next.size() - OBSERVED_UPDATES_KEPT, next.size()) : next;
  }

  private MonitorState withPaused(boolean paused) {
    MonitorState s = state;
    return new MonitorState(paused, s.dataVersion(), s.observedUpdates(), s.results(), s.freshness(), s.state(), s.stateSince(),
        s.incidents(), s.lastCycleAt(), s.lastEvaluatedAt(), s.evaluations(), s.cycles());
  }

  private MonitorState withIncidents(IncidentTracking tracking) {
    MonitorState s = state;
    return new MonitorState(s.paused(), s.dataVersion(), s.observedUpdates(), s.results(), s.freshness(), s.state(), s.stateSince(),
        tracking, s.lastCycleAt(), s.lastEvaluatedAt(), s.evaluations(), s.cycles());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return Objects.requireNonNullElse(t.getMessage(), t.getClass().getSimpleName());
  }
}
