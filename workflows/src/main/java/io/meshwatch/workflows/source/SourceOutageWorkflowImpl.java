package io.meshwatch.workflows.source;

import io.meshwatch.workflows.incident.ChildIncidents;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.incident.IncidentChange;
import io.meshwatch.workflows.incident.IncidentClosed;
import io.meshwatch.workflows.incident.IncidentInput;
import io.meshwatch.workflows.incident.IncidentProduct;
import io.meshwatch.workflows.incident.IncidentResult;
import io.meshwatch.workflows.incident.ProductRecovered;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The outage loop. Signal handlers only queue; after the first report of a quiet spell the loop
 * waits the input's {@code gather} window, applies every report that came meanwhile, and then opens,
 * updates or resolves the one source incident. So a storm of monitors seeing the same outage makes
 * one incident that opens listing all of them.
 *
 * <p>The incident's failing checks are the products down, one per product, with check id
 * {@code source:<domain>/<name>}, outcome ERROR (the product cannot be measured; nothing is known
 * to fail) and since when its report arrived.
 */
public class SourceOutageWorkflowImpl implements SourceOutageWorkflow {

  /**
   * The owner team id of every source incident. The delivery side routes it to the platform
   * escalation channel (there is no team of that name in the teams directory).
   */
  public static final String PLATFORM_TEAM = "platform";

  /** The domain of a connection's pseudo-product: its incidents are {@code incident/source/<connection>/<millis>}. */
  public static final String PSEUDO_DOMAIN = "source";

  private static final Logger log = Workflow.getLogger(SourceOutageWorkflowImpl.class);

  private sealed interface Pending {}

  private record Down(ProductId product) implements Pending {}

  private record Up(ProductId product) implements Pending {}

  private record Closed(IncidentClosed closed) implements Pending {}

  private final int historyEventsLimit;
  private final List<Pending> pending = new ArrayList<>();

  private SourceOutageInput input;
  private final List<DownProduct> down = new ArrayList<>();
  private String incidentId;
  /** The open incident's result while this run started it (null after a continue-as-new). */
  private Promise<IncidentResult> incidentResult;
  private String lastIncidentId;
  private List<ProductId> closedByHand = List.of();

  /** As the worker registers it: continue-as-new when Temporal suggests it. */
  public SourceOutageWorkflowImpl() {
    this(0);
  }

  /** {@code historyEventsLimit > 0} also continues-as-new once the history reaches that many events (tests). */
  public SourceOutageWorkflowImpl(int historyEventsLimit) {
    if (historyEventsLimit < 0) {
      throw new IllegalArgumentException("historyEventsLimit must be >= 0");
    }
    this.historyEventsLimit = historyEventsLimit;
  }

  /** The pseudo-product a connection's incident is about: owned by the platform team, nobody's consumer. */
  public static IncidentProduct incidentProduct(String connection) {
    return new IncidentProduct(new ProductId(PSEUDO_DOMAIN, connection), "Warehouse connection " + connection + " is unreachable",
        PLATFORM_TEAM, null, List.of(), null, false, connection);
  }

  @Override
  public SourceOutageResult run(SourceOutageInput in) {
    input = in;
    if (in.carried() != null) {
      down.addAll(in.carried().down());
      incidentId = in.carried().incidentId();
      lastIncidentId = incidentId;
      closedByHand = in.carried().closedByHand();
    }
    do {
      if (pending.isEmpty() && historyIsLong()) {
        Workflow.continueAsNew(new SourceOutageInput(in.connection(), in.ladder(), in.gather(),
            new SourceOutageProgress(down, incidentId, closedByHand)));
      }
      Workflow.await(() -> !pending.isEmpty());
      if (in.gather().isPositive()) {
        Workflow.sleep(in.gather());
      }
      boolean changed = applyPending();
      act(changed);
    } while (!(down.isEmpty() && incidentId == null && pending.isEmpty()));
    return new SourceOutageResult(in.connection(), lastIncidentId, now());
  }

  @Override
  public void productDown(SourceProduct product) {
    pending.add(new Down(product.product()));
  }

  @Override
  public void productUp(SourceProduct product) {
    pending.add(new Up(product.product()));
  }

  @Override
  public void incidentClosed(IncidentClosed closed) {
    pending.add(new Closed(closed));
  }

  @Override
  public SourceOutageStatus status() {
    return new SourceOutageStatus(input == null ? null : input.connection(), down, incidentId);
  }

  /** Applies the queued reports. Returns whether the set of products down changed. */
  private boolean applyPending() {
    boolean changed = false;
    Instant now = now();
    while (!pending.isEmpty()) {
      switch (pending.remove(0)) {
        case Down d -> {
          if (indexOf(d.product()) < 0) {
            down.add(new DownProduct(d.product(), now));
            changed = true;
          }
        }
        case Up u -> {
          int at = indexOf(u.product());
          if (at >= 0) {
            down.remove(at);
            changed = true;
          }
        }
        case Closed c -> {
          if (c.closed().incidentId().equals(incidentId)) {
            // Resolved by hand while products were down: no new incident for these products alone.
            incidentId = null;
            incidentResult = null;
            closedByHand = downIds();
          }
        }
      }
    }
    Set<ProductId> stillDown = new HashSet<>(downIds());
    closedByHand = closedByHand.stream().filter(stillDown::contains).toList();
    return changed;
  }

  private void act(boolean changed) {
    Instant now = now();
    if (down.isEmpty()) {
      if (incidentId != null && !ChildIncidents.signal(incidentId, i -> i.productRecovered(new ProductRecovered(ProductState.HEALTHY)))) {
        log.warn("source incident {} of {} had ended already", incidentId, input.connection());
      }
      // The outage ends with its incident (its resolution delivered), unless a new report comes first.
      Promise<IncidentResult> ending = incidentResult;
      if (ending != null) {
        Workflow.await(() -> ending.isCompleted() || !pending.isEmpty());
      }
      incidentId = null;
      incidentResult = null;
      closedByHand = List.of();
      return;
    }
    if (incidentId == null) {
      if (!closedByHand.isEmpty() && closedByHand.containsAll(downIds())) {
        return;
      }
      String id = IncidentInput.idFor(incidentProduct(input.connection()).id(), now);
      ChildIncidents.start(new IncidentInput(id, incidentProduct(input.connection()), now, ProductState.ERROR, failing(),
          input.ladder(), null)).ifPresent(opened -> {
            incidentId = opened.incidentId();
            incidentResult = opened.result();
            lastIncidentId = incidentId;
            closedByHand = List.of();
          });
    } else if (changed) {
      if (!ChildIncidents.signal(incidentId, i -> i.checksChanged(new IncidentChange(ProductState.ERROR, failing())))) {
        // Gone without telling us (terminated by an operator): treat it as closed by hand.
        incidentId = null;
        incidentResult = null;
        closedByHand = downIds();
      }
    }
  }

  /** The products down as the incident lists them: one failing "check" per product, aggregates only. */
  private List<FailingCheck> failing() {
    return down.stream()
        .map(d -> new FailingCheck(new CheckResult("source:" + d.product(), CheckKind.FRESHNESS, Outcome.ERROR, null, null, null, null,
            d.product() + " cannot be measured: connection " + input.connection() + " is unreachable"), d.since()))
        .toList();
  }

  private int indexOf(ProductId product) {
    for (int i = 0; i < down.size(); i++) {
      if (down.get(i).product().equals(product)) {
        return i;
      }
    }
    return -1;
  }

  private List<ProductId> downIds() {
    return down.stream().map(DownProduct::product).toList();
  }

  private boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.isContinueAsNewSuggested() || (historyEventsLimit > 0 && info.getHistoryLength() >= historyEventsLimit);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
