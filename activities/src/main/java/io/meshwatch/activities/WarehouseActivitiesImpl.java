package io.meshwatch.activities;

import io.meshwatch.activities.checks.FusedScanPlanner;
import io.meshwatch.activities.checks.ScanPlan;
import io.meshwatch.activities.checks.ScanResults;
import io.meshwatch.activities.checks.SchemaConformance;
import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.activities.freshness.FreshnessFacts;
import io.meshwatch.activities.freshness.FreshnessPolicy;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.ScanRow;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.activities.warehouse.WarehouseException;
import io.meshwatch.activities.warehouse.WarehouseFailure;
import io.meshwatch.activities.warehouse.WarehouseSession;
import io.meshwatch.activities.warehouse.WarehouseTarget;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckPlan;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a product's warehouse: {@link #probe} from metadata (data version and freshness, no scan),
 * {@link #evaluate} as schema conformance from the catalog plus every other check fused into one
 * scan, both in one warehouse session where the engine allows. Expected failures — an unreachable warehouse, refused credentials, a missing table or
 * column, a timeout, a format meshwatch cannot read yet — become ERROR or NOT_EVALUATED results with
 * a reason, never an activity failure; only a defect in meshwatch itself throws.
 */
public final class WarehouseActivitiesImpl implements WarehouseActivities {

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseActivitiesImpl.class);

  private final WarehouseConnections connections;
  private final FreshnessPolicy policy;
  private final FusedScanPlanner planner = new FusedScanPlanner(new ExpressionParser());
  private final ProbedTables probed = new ProbedTables();

  public WarehouseActivitiesImpl(WarehouseConnections connections, FreshnessPolicy policy) {
    this.connections = connections;
    this.policy = policy;
  }

  @Override
  public ProbeOutput probe(ProbeInput input) {
    ProductSpec spec = input.spec();
    StatementTally tally = new StatementTally();
    ProbeOutput output = switch (connections.target(spec.output())) {
      case WarehouseTarget.Unavailable unavailable -> {
        probed.forget(spec.id());
        yield new ProbeOutput(null, unmeasured(unavailable));
      }
      case WarehouseTarget.Reachable reachable -> {
        try {
          TableProbe probe = reachable.client().probe(reachable.table(), spec.quality().freshnessColumn(),
              new QueryContext(QueryTag.of(spec.id()), tally));
          String version = SchemaFingerprint.versionWithSchema(probe.dataVersion(), probe.table());
          probed.remember(spec.id(), reachable.connection(), reachable.table(), version, probe.table());
          if (probe.freshnessProblem() != null) {
            yield new ProbeOutput(version, FreshnessAssessment.error(probe.freshnessProblem()));
          }
          FreshnessFacts facts = new FreshnessFacts(spec, input.now(), probe.lastUpdated(),
              history(input.observedUpdates(), probe.updateHistory(), probe.lastUpdated()));
          yield new ProbeOutput(version, policy.assess(facts));
        } catch (WarehouseException e) {
          probed.forget(spec.id());
          boolean connectionDown = e.failure() == WarehouseFailure.UNREACHABLE
              || e.failure() == WarehouseFailure.AUTHENTICATION;
          yield new ProbeOutput(null, FreshnessAssessment.error(e.getMessage()),
              connectionDown ? reachable.connection() : null);
        }
      }
    };
    LOG.debug("probe {}: {} -> {}", spec.id(), tally, output.freshness().outcome());
    return output;
  }

  @Override
  public EvaluateOutput evaluate(EvaluateInput input) {
    return measure(input).toOutput();
  }

  /** The evaluation with its full cost, statements broken down by kind. */
  public Evaluation measure(EvaluateInput input) {
    long started = System.nanoTime();
    ProductSpec spec = input.spec();
    List<Check> checks = CheckPlan.of(spec).stream().filter(c -> !(c instanceof Check.Freshness)).toList();
    StatementTally tally = new StatementTally();
    Measured measured = switch (connections.target(spec.output())) {
      case WarehouseTarget.Unavailable unavailable ->
          new Measured(checks.stream().map(c -> unmeasured(c, unavailable)).toList(), 0);
      case WarehouseTarget.Reachable reachable -> measure(reachable, checks, spec, input,
          new QueryContext(QueryTag.of(spec.id()), tally));
    };
    List<CheckResult> results = new ArrayList<>(measured.results());
    results.sort(Comparator.comparingInt(r -> position(checks, r.checkId())));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    LOG.debug("evaluate {} at {}: {} rows in scope, {}, {} ms", spec.id(), input.scheduledAt(), measured.rows(), tally,
        millis);
    return Evaluation.of(results, tally, measured.rows(), millis);
  }

  private record Measured(List<CheckResult> results, long rows) {}

  private Measured measure(WarehouseTarget.Reachable target, List<Check> checks, ProductSpec spec, EvaluateInput input,
      QueryContext context) {
    try {
      return target.client().inSession(context, session -> measure(session, target, checks, spec, input));
    } catch (WarehouseException e) {
      // The session could not be opened (unreachable, refused credentials): nothing was measured.
      return new Measured(checks.stream().map(c -> CheckResult.error(c, e.getMessage())).toList(), 0);
    }
  }

  /**
   * Schema conformance, planning and the one scan, in one warehouse session; the columns come from
   * this cycle's probe when it saw the version being evaluated, else from a catalog read.
   */
  private Measured measure(WarehouseSession session, WarehouseTarget.Reachable target, List<Check> checks,
      ProductSpec spec, EvaluateInput input) {
    ResolvedTable table;
    try {
      Optional<ResolvedTable> known = probed.find(spec.id(), target.connection(), target.table(), input.dataVersion());
      table = known.isPresent() ? known.get() : session.columns(target.table());
    } catch (WarehouseException e) {
      return new Measured(checks.stream().map(c -> CheckResult.error(c, e.getMessage())).toList(), 0);
    }
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks) {
      if (check instanceof Check.SchemaConformance schema) {
        results.add(SchemaConformance.evaluate(schema, table));
      }
    }
    ScanPlan plan = planner.plan(checks, spec.quality(), table, target.client().dialect(), input.scheduledAt());
    if (!plan.scans()) {
      results.addAll(plan.settled());
      return new Measured(results, 0);
    }
    try {
      ScanRow row = session.measure(table, plan);
      results.addAll(ScanResults.interpret(plan, row));
      return new Measured(results, row.count(0));
    } catch (WarehouseException e) {
      results.addAll(ScanResults.failed(plan, e.getMessage()));
      return new Measured(results, 0);
    }
  }

  private static int position(List<Check> checks, String checkId) {
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).id().equals(checkId)) {
        return i;
      }
    }
    return checks.size();
  }

  /**
   * The update history the policy judges from: the instants the monitor has observed, those the
   * warehouse keeps itself (Delta's log), and the last update just read, distinct and oldest first.
   */
  private static List<Instant> history(List<Instant> observed, List<Instant> kept, Instant lastUpdated) {
    TreeSet<Instant> all = new TreeSet<>(observed);
    all.addAll(kept);
    if (lastUpdated != null) {
      all.add(lastUpdated);
    }
    return List.copyOf(all);
  }

  private static FreshnessAssessment unmeasured(WarehouseTarget.Unavailable unavailable) {
    return new FreshnessAssessment(unavailable.outcome(), null, null, null, null, null, unavailable.reason());
  }

  private static CheckResult unmeasured(Check check, WarehouseTarget.Unavailable unavailable) {
    return unavailable.outcome() == Outcome.NOT_EVALUATED
        ? CheckResult.notEvaluated(check, unavailable.reason())
        : CheckResult.error(check, unavailable.reason());
  }
}
