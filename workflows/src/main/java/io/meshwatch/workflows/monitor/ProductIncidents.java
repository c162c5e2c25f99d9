package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.activities.SourceActivities;
import io.meshwatch.workflows.activities.SourceReport;
import io.meshwatch.workflows.incident.Actor;
import io.meshwatch.workflows.incident.ChildIncidents;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentChange;
import io.meshwatch.workflows.incident.IncidentClosed;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.ProductRecovered;
import io.meshwatch.workflows.incident.ResolveRequest;
import io.meshwatch.workflows.incident.Resolution;
import io.meshwatch.workflows.incident.SourceInhibition;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.ProductState;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The monitor's side of incidents, run once per cycle from the monitor's loop (workflow code).
 *
 * <ul>
 *   <li>A breach (LATE, or FAILING: a FAIL check failed, PII-handling violations included) with no
 *       incident open starts one child {@code IncidentWorkflow}; while it is open, a change of the
 *       failing checks is signalled to it ({@code checksChanged}), with since when each fails.
 *   <li>HEALTHY or WARNING resolves it ({@code productRecovered}). ERROR and UNKNOWN do not: the
 *       product is unmeasured, not healthy.
 *   <li>Resolved by hand while failing ({@code incidentClosed}): no new incident while only those
 *       checks fail; one opens when another check starts failing, or after a recovery.
 *   <li>The warehouse connection unreachable: the outage is reported once through
 *       {@link SourceActivities} (the one source-unavailable incident speaks for it), the open
 *       incident is inhibited, and nothing else happens until the connection is back; then the
 *       recovery is reported once and the product's incident resumes, or opens, if it still fails.
 * </ul>
 *
 * <p>{@code incidentClosed} signals are queued and applied at the start of each cycle and before a
 * continue-as-new, never in the handler: a handler may run while a cycle waits on an activity.
 */
final class ProductIncidents {

  private static final Logger log = Workflow.getLogger(ProductIncidents.class);

  private final SourceActivities sources;
  private final List<IncidentClosed> closedSignals;
  private IncidentTracking tracking;

  /** {@code closedSignals} is the monitor's queue of {@code incidentClosed} signals, filled by its handler. */
  ProductIncidents(IncidentTracking carried, SourceActivities sources, List<IncidentClosed> closedSignals) {
    this.tracking = carried == null ? IncidentTracking.none() : carried;
    this.sources = sources;
    this.closedSignals = closedSignals;
  }

  IncidentTracking tracking() {
    return tracking;
  }

  /** Applies the queued {@code incidentClosed} signals of the open incident (others are stale). */
  void applyClosed() {
    while (!closedSignals.isEmpty()) {
      IncidentClosed closed = closedSignals.remove(0);
      if (closed.incidentId().equals(tracking.incidentId())) {
        log.info("incident {} was resolved by hand ({}) while {} still failed", closed.incidentId(), closed.resolution(),
            closed.failingCheckIds());
        tracking = tracking.closed(closed.failingCheckIds());
      }
    }
  }

  /**
   * One cycle's outcome. {@code results} are every check's results with freshness first;
   * {@code lateSince} is set while the product is late; {@code unreachableConnection} is the probe's.
   */
  void observe(ProductSpec spec, EscalationLadder ladder, Instant now, ProductState state, Instant stateSince, Instant lateSince,
      List<CheckResult> results, String unreachableConnection) {
    applyClosed();
    if (unreachableConnection != null) {
      sourceDown(spec, unreachableConnection);
      return;
    }
    boolean sourceBack = tracking.downConnection() != null;
    if (sourceBack) {
      report(new SourceReport(tracking.downConnection(), spec.id(), false));
      tracking = tracking.withDownConnection(null);
    }
    if (state.breach()) {
      List<FailingCheck> failing = failing(results, now, lateSince);
      Set<String> failingIds = new HashSet<>(ids(failing));
      // A check that stopped failing leaves the held-back set: if it fails again, that is news.
      List<String> heldBack = tracking.closedByHand().stream().filter(failingIds::contains).toList();
      if (tracking.incidentId() == null) {
        boolean onlyHeldBack = !heldBack.isEmpty() && heldBack.containsAll(failingIds);
        tracking = tracking.withFailing(failing, heldBack);
        if (!onlyHeldBack) {
          open(spec, ladder, now, state, stateSince, failing);
        }
      } else {
        List<FailingCheck> before = tracking.failing();
        tracking = tracking.withFailing(failing, heldBack);
        if (sourceBack) {
          signal(i -> i.sourceInhibition(new SourceInhibition(false, spec.output().connectionOrDefault())));
        }
        if (!sameFailing(before, failing)) {
          signal(i -> i.checksChanged(new IncidentChange(state, failing)));
        }
      }
    } else if (state == ProductState.HEALTHY || state == ProductState.WARNING) {
      // Recovered after an outage too: the incident ends here, its inhibition with it.
      if (tracking.incidentId() != null) {
        signal(i -> i.productRecovered(new ProductRecovered(state)));
      }
      tracking = tracking.recovered();
    } else if (sourceBack && tracking.incidentId() != null) {
      // Back but unmeasured: the incident speaks again; whether it recovers is the next cycles' to say.
      signal(i -> i.sourceInhibition(new SourceInhibition(false, spec.output().connectionOrDefault())));
    }
  }

  /** The product is retired: an outage it reported no longer holds, and its open incident ends. */
  void retire(ProductSpec spec, String retiredBy) {
    applyClosed();
    if (tracking.downConnection() != null) {
      report(new SourceReport(tracking.downConnection(), spec.id(), false));
      tracking = tracking.withDownConnection(null);
    }
    if (tracking.incidentId() != null) {
      signal(i -> i.resolve(new ResolveRequest(Actor.MESHWATCH, Resolution.EXPECTED, "product retired by " + retiredBy)));
      tracking = tracking.recovered();
    }
  }

  private void sourceDown(ProductSpec spec, String connection) {
    if (connection.equals(tracking.downConnection())) {
      return;
    }
    if (tracking.downConnection() != null) {
      // The spec moved the product to another connection: the old outage no longer counts it.
      report(new SourceReport(tracking.downConnection(), spec.id(), false));
    }
    report(new SourceReport(connection, spec.id(), true));
    tracking = tracking.withDownConnection(connection);
    if (tracking.incidentId() != null) {
      signal(i -> i.sourceInhibition(new SourceInhibition(true, connection)));
    }
  }

  private void open(ProductSpec spec, EscalationLadder ladder, Instant now, ProductState state, Instant stateSince,
      List<FailingCheck> failing) {
    // The breach's first incident is keyed by the breach's start, so a monitor started afresh on the
    // same breach (an embedded server's restart) names the same incident and the delivery side's
    // outbox keeps it from posting twice. A later one of the same breach is keyed by its opening.
    Instant keyedBy = tracking.breachSince() == null ? Objects.requireNonNullElse(stateSince, now) : now;
    String id = IncidentInput.idFor(spec.id(), keyedBy);
    if (ChildIncidents.start(new IncidentInput(id, IncidentProduct.of(spec), now, state, failing, ladder, null)).isPresent()) {
      tracking = tracking.opened(id, keyedBy);
    }
  }

  private void signal(Consumer<IncidentWorkflow> signal) {
    if (ChildIncidents.signal(tracking.incidentId(), signal)) {
      return;
    }
    // An incident resolved by hand tells us before it ends, so its signal is queued by now.
    applyClosed();
    if (tracking.incidentId() != null) {
      // Ended without telling us (terminated by an operator): as if resolved by hand.
      tracking = tracking.closed(ids(tracking.failing()));
    }
  }

  private void report(SourceReport report) {
    try {
      sources.report(report);
    } catch (ActivityFailure e) {
      log.error("could not report connection {} {} for {}: {}", report.connection(), report.down() ? "down" : "up", report.product(),
          e.getMessage());
    }
  }

  /** The FAIL checks with since when each fails: kept from before when it already failed. */
  private List<FailingCheck> failing(List<CheckResult> results, Instant now, Instant lateSince) {
    List<FailingCheck> failing = new ArrayList<>();
    for (CheckResult result : results) {
      if (result.outcome() != Outcome.FAIL) {
        continue;
      }
      Instant since = tracking.failing().stream().filter(f -> f.checkId().equals(result.checkId())).map(FailingCheck::since)
          .findFirst()
          .orElse(result.kind() == CheckKind.FRESHNESS && lateSince != null ? lateSince : now);
      failing.add(new FailingCheck(result, since));
    }
    return failing;
  }

  /**
   * Whether the incident would learn nothing new: the same checks fail with the same results.
   * Freshness counts by id only, since its observed data age grows every cycle.
   */
  private static boolean sameFailing(List<FailingCheck> before, List<FailingCheck> after) {
    if (before.size() != after.size()) {
      return false;
    }
    for (int i = 0; i < before.size(); i++) {
      CheckResult a = before.get(i).result();
      CheckResult b = after.get(i).result();
      if (!a.checkId().equals(b.checkId()) || (a.kind() != CheckKind.FRESHNESS && !a.equals(b))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> ids(List<FailingCheck> failing) {
    return failing.stream().map(FailingCheck::checkId).toList();
  }
}
