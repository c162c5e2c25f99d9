package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCyclesInput;
import io.meshwatch.workflows.activities.RecordCyclesOutput;
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
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
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

  /**
   * Cycles a monitor holds while its store write is under way or failing (200 cycles: about 16 hours
   * at the default 5-minute cadence). Past it the loop waits for the store, so nothing is dropped and
   * the carried state stays far below Temporal's payload limit.
   */
  static final int UNRECORDED_LIMIT = 200;

  /** Cycles per store write: keeps one activity's input small however long the store was away. */
  static final int CYCLES_PER_WRITE = 50;

  /** The change that made cycle records asynchronous and buffered (docs/upgrading-workflows.md). */
  static final String BUFFERED_RECORDS = "buffered-records";

  /** The change that spreads each product's polls over the cadence by a phase of its own. */
  static final String POLL_PHASE = "poll-phase";

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

  // Cycle records not yet in the store, oldest first, and the write under way (runs of version 1
  // of BUFFERED_RECORDS; older runs record each cycle before going on).
  private boolean bufferedRecords;
  private boolean phasedPolls;
  private final List<RecordCycleInput> unrecorded = new ArrayList<>();
  private List<RecordCycleInput> writing = List.of();
  private Promise<RecordCyclesOutput> recording;
  private int runCycles;

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
    // Asked once per run, before any command: a run recorded before these changes replays without them.
    bufferedRecords = Workflow.getVersion(BUFFERED_RECORDS, Workflow.DEFAULT_VERSION, 1) >= 1;
    phasedPolls = Workflow.getVersion(POLL_PHASE, Workflow.DEFAULT_VERSION, 1) >= 1;
    unrecorded.addAll(input.unrecorded());
    incidents = new ProductIncidents(state.incidents(), sources, closedIncidents);
    while (true) {
      adoptPendingSpec();
      if (retiredBy != null) {
        incidents.retire(spec, retiredBy);
        state = withIncidents(incidents.tracking());
        drainRecords();
        log.info("monitor of {} ends: retired by {}", spec.id(), retiredBy);
        return new MonitorResult(spec.id(), retiredBy, state.evaluations());
      }
      // Buffered runs continue as new here, between cycles, when no store write is under way: a
      // write cannot be carried (its activity would outlive the run), and by now the last cycle's
      // write has had the whole wait to land. During a store outage the run goes on until the store
      // is back; its history stays bounded by the buffer's limit.
      if (bufferedRecords && runCycles > 0 && !evaluateRequested && !specChanged && recordingSettled() && historyIsLong()) {
        continueAsNew();
      }
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      Instant nextCheckAt = null;
      if (!state.paused()) {
        nextCheckAt = cycle(now);
      } else if (state.state() != ProductState.PAUSED) {
        recordPaused(now);
      }
      runCycles++;
      if (!bufferedRecords && historyIsLong()) {
        continueAsNew();
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
    Instant wakeAt = phasedPolls ? PollPhase.of(spec.id(), settings.pollInterval()).nextPollAfter(now) : now.plus(settings.pollInterval());
    if (nextCheckAt != null && nextCheckAt.isAfter(now) && nextCheckAt.isBefore(wakeAt)) {
      wakeAt = nextCheckAt;
    }
    Duration sleep = Duration.between(timerStart, wakeAt);
    if (sleep.isNegative() || sleep.isZero()) {
      return;
    }
    if (!bufferedRecords) {
      Workflow.await(sleep, () -> wake);
      return;
    }
    // One timer for the whole wait (as many history events as the plain await); the loop wakes on
    // each finished store write to send what was buffered meanwhile.
    Promise<Void>[] timer = new Promise[1];
    CancellationScope sleeping = Workflow.newCancellationScope(() -> {
      timer[0] = Workflow.newTimer(sleep);
    });
    sleeping.run();
    while (true) {
      flushRecords();
      Workflow.await(() -> wake || timer[0].isCompleted() || recordingFinished());
      if (wake || timer[0].isCompleted()) {
        break;
      }
    }
    if (!timer[0].isCompleted()) {
      sleeping.cancel();
    }
  }

  private void continueAsNew() {
    // A closure still queued would be lost with this run; so would a failed write not yet put back.
    incidents.applyClosed();
    state = withIncidents(incidents.tracking());
    settleRecording();
    Workflow.continueAsNew(new MonitorInput(spec, specVersion, settings, state, List.copyOf(unrecorded)));
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
    if (!bufferedRecords) {
      try {
        store.recordCycle(input);
      } catch (ActivityFailure e) {
        log.error("could not record cycle of {} at {}: {}", input.product(), input.at(), rootMessage(e));
      }
      return;
    }
    // The cycle goes on (deadlines judged, incidents opened) while the store takes its time or is down;
    // incident messages still wait for it (the delivery outbox is a store table).
    unrecorded.add(input);
    flushRecords();
    while (unrecorded.size() >= UNRECORDED_LIMIT) {
      log.warn("monitor of {} holds {} unrecorded cycles: waiting for the store", spec.id(), unrecorded.size());
      Workflow.await(this::recordingSettled);
      flushRecords();
    }
  }

  /** Takes the answer of a finished write, then starts the next one if cycles wait. */
  private void flushRecords() {
    if (recording != null && !recording.isCompleted()) {
      return;
    }
    settleRecording();
    if (unrecorded.isEmpty()) {
      return;
    }
    int count = Math.min(CYCLES_PER_WRITE, unrecorded.size());
    writing = List.copyOf(unrecorded.subList(0, count));
    unrecorded.subList(0, count).clear();
    recording = Async.function(store::recordCycles, new RecordCyclesInput(writing));
  }

  /** Waits for the write under way; a failed write goes back to the front of the buffer (unless refused). */
  private void settleRecording() {
    if (recording == null) {
      return;
    }
    Workflow.await(recording::isCompleted);
    RuntimeException failure = recording.getFailure();
    if (failure != null) {
      RecordCycleInput first = writing.get(0);
      if (refused(failure)) {
        // Input no retry can fix (a product the store no longer knows): keeping it would block the rest.
        log.error("store refused {} cycles of {} from {}: {}", writing.size(), first.product(), first.at(), rootMessage(failure));
      } else {
        log.warn("could not record {} cycles of {} from {} yet: {}", writing.size(), first.product(), first.at(), rootMessage(failure));
        unrecorded.addAll(0, writing);
      }
    }
    recording = null;
    writing = List.of();
  }

  /** Before the run ends: every buffered cycle is in the store. */
  private void drainRecords() {
    while (bufferedRecords && (recording != null || !unrecorded.isEmpty())) {
      settleRecording();
      flushRecords();
    }
  }

  private boolean recordingSettled() {
    return recording == null || recording.isCompleted();
  }

  private boolean recordingFinished() {
    return recording != null && recording.isCompleted();
  }

  private static boolean refused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application && application.isNonRetryable()) {
        return true;
      }
    }
    return false;
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
