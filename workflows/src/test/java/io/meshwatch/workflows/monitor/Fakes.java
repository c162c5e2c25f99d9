package io.meshwatch.workflows.monitor;

import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.DeliveryOutput;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.IncidentActivities;
import io.meshwatch.workflows.activities.MessageRef;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.activities.RecordCycleInput;
import io.meshwatch.workflows.activities.RecordCycleOutput;
import io.meshwatch.workflows.activities.RecordCyclesInput;
import io.meshwatch.workflows.activities.RecordCyclesOutput;
import io.meshwatch.workflows.activities.RecordIncidentInput;
import io.meshwatch.workflows.activities.RecordIncidentOutput;
import io.meshwatch.workflows.activities.SourceActivities;
import io.meshwatch.workflows.activities.SourceReport;
import io.meshwatch.workflows.activities.SourceReportOutput;
import io.meshwatch.workflows.activities.StoreActivities;
import io.meshwatch.workflows.activities.TransitionKind;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.incident.EscalationLadder;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.source.SourceOutageInput;
import io.meshwatch.workflows.source.SourceOutageWorkflow;
import io.meshwatch.workflows.source.SourceProduct;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written fakes of the activity interfaces; each records its calls. */
public final class Fakes {

  private Fakes() {}

  public static ProductSpec spec() {
    return spec("orders-daily");
  }

  /** The orders product under another name (one monitor each), on the default connection. */
  public static ProductSpec spec(String name) {
    return new ProductSpec(
        new ProductId("orders", name),
        "orders-platform-team",
        "jane.smith@company.com",
        "Daily aggregate of all completed orders.",
        new OutputSpec(OutputFormat.DUCKDB, null, null, null, "main", "orders_daily", null, null, null),
        List.of(new ColumnSpec("order_id", "string", false, false, null)),
        new QualitySpec(2.0, 0.999, List.of(), "updated_at", null, null),
        List.of(new ConsumerSpec("finance", "Revenue reporting")),
        null, null, null);
  }

  /**
   * A warehouse whose product refreshes daily at 06:00 UTC with a 2 h SLA: the freshness rule in
   * miniature, so the workflow's timer and state handling can be tested on exact instants.
   */
  public static final class Warehouse implements WarehouseActivities {
    public volatile Instant lastUpdated;
    public volatile String version = "v1";
    public volatile List<CheckResult> results = List.of(pass("not_null:order_id", CheckKind.NOT_NULL));
    /** Results of particular products, by product name, instead of {@link #results}. */
    final Map<String, List<CheckResult>> resultsOf = new ConcurrentHashMap<>();
    volatile boolean probeThrows;
    /** When set, the probe reports this connection unreachable, as a warehouse adapter does when it cannot connect. */
    public volatile String unreachable;
    final List<ProbeInput> probes = new CopyOnWriteArrayList<>();
    final List<EvaluateInput> evaluations = new CopyOnWriteArrayList<>();

    public Warehouse(Instant lastUpdated) {
      this.lastUpdated = lastUpdated;
    }

    public void land(Instant at, String newVersion) {
      lastUpdated = at;
      version = newVersion;
    }

    @Override
    public ProbeOutput probe(ProbeInput input) {
      probes.add(input);
      if (probeThrows) {
        throw new IllegalStateException("connection refused");
      }
      String down = unreachable;
      if (down != null) {
        return new ProbeOutput(null, FreshnessAssessment.error("connection " + down + " refused"), down);
      }
      Instant now = input.now();
      Instant expected = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(6));
      if (expected.isAfter(now)) {
        expected = expected.minus(Duration.ofDays(1));
      }
      Instant deadline = expected.plus(Duration.ofHours(2));
      FreshnessAssessment freshness;
      if (!lastUpdated.isBefore(expected)) {
        freshness = new FreshnessAssessment(Outcome.PASS, lastUpdated, expected, deadline, null, deadline.plus(Duration.ofDays(1)), null);
      } else if (!now.isBefore(deadline)) {
        freshness = new FreshnessAssessment(Outcome.FAIL, lastUpdated, expected, deadline, deadline, null, null);
      } else {
        freshness = new FreshnessAssessment(Outcome.PASS, lastUpdated, expected, deadline, null, deadline, null);
      }
      return new ProbeOutput(version, freshness);
    }

    /** What each evaluation reports it cost, as a warehouse that bills by scan would. */
    static final long BYTES_PROCESSED = 2_048;
    static final long BYTES_BILLED = 10_485_760;

    @Override
    public EvaluateOutput evaluate(EvaluateInput input) {
      evaluations.add(input);
      return new EvaluateOutput(resultsOf.getOrDefault(input.spec().id().name(), results), 2, 1, 100, 5, BYTES_PROCESSED, BYTES_BILLED);
    }
  }

  public static final class Store implements StoreActivities {
    /** One entry per (product, time), as the real store keys its rows: a cycle written again replaces its entry. */
    final List<RecordCycleInput> cycles = new CopyOnWriteArrayList<>();
    /** Every write that reached the store, copies included. */
    final List<RecordCycleInput> writes = new CopyOnWriteArrayList<>();
    /** While set, recording a cycle fails, as it does while PostgreSQL is down. */
    public volatile boolean cyclesFailing;

    @Override
    public synchronized RecordCycleOutput recordCycle(RecordCycleInput input) {
      if (cyclesFailing) {
        throw new IllegalStateException("connection to PostgreSQL refused");
      }
      writes.add(input);
      for (int i = 0; i < cycles.size(); i++) {
        if (cycles.get(i).product().equals(input.product()) && cycles.get(i).at().equals(input.at())) {
          cycles.set(i, input);
          return new RecordCycleOutput(input.results().size());
        }
      }
      cycles.add(input);
      return new RecordCycleOutput(input.results().size());
    }

    @Override
    public synchronized RecordCyclesOutput recordCycles(RecordCyclesInput input) {
      if (cyclesFailing) {
        throw new IllegalStateException("connection to PostgreSQL refused");
      }
      int written = 0;
      for (RecordCycleInput cycle : input.cycles()) {
        written += recordCycle(cycle).resultsWritten();
      }
      return new RecordCyclesOutput(input.cycles().size(), written);
    }

    /**
     * One entry per (incident, transition), as the real store keys its rows: a transition recorded
     * again (the opening, once its main message is known) replaces its entry in place.
     */
    public final List<RecordIncidentInput> incidents = new CopyOnWriteArrayList<>();
    /** While set, recording an incident fails, as it does while PostgreSQL is down. */
    public volatile boolean incidentsFailing;

    @Override
    public synchronized RecordIncidentOutput recordIncident(RecordIncidentInput input) {
      if (incidentsFailing) {
        throw new IllegalStateException("connection to PostgreSQL refused");
      }
      for (int i = 0; i < incidents.size(); i++) {
        RecordIncidentInput stored = incidents.get(i);
        if (stored.incident().incidentId().equals(input.incident().incidentId())
            && stored.transition().sequence() == input.transition().sequence()) {
          incidents.set(i, input);
          return new RecordIncidentOutput(false);
        }
      }
      incidents.add(input);
      return new RecordIncidentOutput(true);
    }

    /** The kinds of one incident's recorded transitions, in order. */
    public List<TransitionKind> kinds(String incidentId) {
      return incidents.stream().filter(r -> r.incident().incidentId().equals(incidentId)).map(r -> r.transition().kind()).toList();
    }
  }

  /**
   * Records every delivery (its snapshot carries the workflow time it happened at). OPENED returns a
   * main message named after the key, as a sink would return the posted message's id.
   */
  public static final class Incidents implements IncidentActivities {
    public final List<DeliveryInput> sent = new CopyOnWriteArrayList<>();
    /** While set, every delivery fails, as a sink does while Slack is down. */
    public volatile boolean failing;

    @Override
    public DeliveryOutput deliver(DeliveryInput input) {
      if (failing) {
        throw new IllegalStateException("slack is down");
      }
      sent.add(input);
      MessageRef message = input.intent() == DeliveryIntent.OPENED ? new MessageRef("fake", "#owner", "ts-" + input.key()) : input.message();
      return new DeliveryOutput(message, true);
    }

    public List<DeliveryInput> of(String incidentId) {
      return sent.stream().filter(d -> d.incident().incidentId().equals(incidentId)).toList();
    }

    public List<DeliveryIntent> intents(String incidentId) {
      return of(incidentId).stream().map(DeliveryInput::intent).toList();
    }

    public List<String> incidentIds() {
      return sent.stream().map(d -> d.incident().incidentId()).distinct().toList();
    }
  }

  /**
   * Records every outage report and, given a client, does what the worker's implementation does:
   * signals-with-start the connection's outage workflow on a down report, signals it on an up one.
   */
  public static final class Sources implements SourceActivities {
    public final List<SourceReport> reports = new CopyOnWriteArrayList<>();
    private volatile WorkflowClient client;
    private volatile String taskQueue;
    private volatile EscalationLadder ladder = EscalationLadder.defaults();
    private volatile Duration gather = Duration.ofMinutes(1);

    /** Reports reach real outage workflows on {@code taskQueue} from now on. */
    public void forwardTo(WorkflowClient workflowClient, String queue, EscalationLadder sourceLadder, Duration gatherWindow) {
      this.client = workflowClient;
      this.taskQueue = queue;
      this.ladder = sourceLadder;
      this.gather = gatherWindow;
    }

    @Override
    public SourceReportOutput report(SourceReport report) {
      WorkflowClient c = client;
      String id = SourceOutageWorkflow.idFor(report.connection());
      if (c == null) {
        reports.add(report);
        return new SourceReportOutput(null);
      }
      SourceOutageWorkflow outage = c.newWorkflowStub(SourceOutageWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(taskQueue).build());
      if (report.down()) {
        var request = c.newSignalWithStartRequest();
        request.add(outage::run, new SourceOutageInput(report.connection(), ladder, gather, null));
        request.add(outage::productDown, new SourceProduct(report.product()));
        try {
          c.signalWithStart(request);
        } catch (WorkflowExecutionAlreadyStarted e) {
          // Another monitor's report started it a moment ago (the test server does not serialise
          // signal-with-start on one id): signal the running one.
          c.newWorkflowStub(SourceOutageWorkflow.class, id).productDown(new SourceProduct(report.product()));
        }
      } else {
        try {
          c.newWorkflowStub(SourceOutageWorkflow.class, id).productUp(new SourceProduct(report.product()));
        } catch (WorkflowNotFoundException e) {
          reports.add(report);
          return new SourceReportOutput(null);
        }
      }
      reports.add(report);
      return new SourceReportOutput(id);
    }
  }

  public static CheckResult pass(String id, CheckKind kind) {
    return new CheckResult(id, kind, Outcome.PASS, 1.0, null, 0L, 100L, null);
  }

  public static CheckResult error(String id, CheckKind kind) {
    return new CheckResult(id, kind, Outcome.ERROR, null, null, null, null, "column revenue_usd not found");
  }

  public static CheckResult fail(String id, CheckKind kind) {
    return new CheckResult(id, kind, Outcome.FAIL, 0.5, 1.0, 50L, 100L, "50 of 100 rows violate");
  }
}
