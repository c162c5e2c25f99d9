package io.meshwatch.worker.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.activities.freshness.FreshnessAssessor;
import io.meshwatch.activities.freshness.FreshnessFacts;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.activities.warehouse.TableProbe;
import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.worker.spec.SpecResult;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scale benchmark's own logic: that a deadline product's deadline lands where the benchmark
 * says, and a tiny end-to-end run (a worker JVM, the port-bound Temporal test server, embedded
 * PostgreSQL) whose figures are consistent. Correctness only: the figures are read, never timed.
 */
class ScaleBenchmarkRunTest {

  private static final QueryContext CONTEXT = new QueryContext(QueryTag.of(new ProductId("scale", "x")), new StatementTally());

  @Test
  void aDeadlineProductIsLateExactlyFromTheDeadlineTheBenchmarkChose() throws Exception {
    Instant deadline = Instant.parse("2026-03-02T10:17:42.250Z");
    ProductSpec spec = load(ScaleSpecs.lateFrom(7, deadline));
    ScaleWarehouseClient warehouse = new ScaleWarehouseClient(Duration.ZERO, Duration.ofMinutes(5),
        Clock.fixed(deadline, ZoneOffset.UTC));
    TableProbe probe = warehouse.probe(new TableName(null, "scale", spec.output().table()), "updated_at", CONTEXT);

    FreshnessAssessment before = assess(spec, deadline.minusSeconds(20), probe.lastUpdated());
    assertThat(before.outcome()).isEqualTo(Outcome.PASS);
    assertThat(before.nextCheckAt()).isEqualTo(deadline);
    assertThat(assess(spec, deadline.minusMillis(1), probe.lastUpdated()).outcome()).isEqualTo(Outcome.PASS);
    FreshnessAssessment at = assess(spec, deadline, probe.lastUpdated());
    assertThat(at.outcome()).isEqualTo(Outcome.FAIL);
    assertThat(at.lateSince()).isEqualTo(deadline);
  }

  @Test
  void aSteadyProductsDataChangesEveryRefreshPeriodAndItsChecksPass() throws Exception {
    ProductSpec spec = load(ScaleSpecs.steady(3));
    Instant now = Instant.parse("2026-03-02T10:17:42Z");
    TableName table = new TableName(null, "scale", spec.output().table());
    TableProbe first = new ScaleWarehouseClient(Duration.ZERO, Duration.ofMinutes(1), Clock.fixed(now, ZoneOffset.UTC))
        .probe(table, "updated_at", CONTEXT);
    TableProbe sameMinute = new ScaleWarehouseClient(Duration.ZERO, Duration.ofMinutes(1), Clock.fixed(now.plusSeconds(10), ZoneOffset.UTC))
        .probe(table, "updated_at", CONTEXT);
    TableProbe nextMinute = new ScaleWarehouseClient(Duration.ZERO, Duration.ofMinutes(1), Clock.fixed(now.plusSeconds(20), ZoneOffset.UTC))
        .probe(table, "updated_at", CONTEXT);

    assertThat(first.lastUpdated()).isEqualTo(Instant.parse("2026-03-02T10:17:00Z"));
    assertThat(sameMinute.dataVersion()).isEqualTo(first.dataVersion());
    assertThat(nextMinute.dataVersion()).isNotEqualTo(first.dataVersion());
  }

  @Test
  void aMisnamedLateTableIsAWarehouseErrorNamingIt() {
    ScaleWarehouseClient warehouse = new ScaleWarehouseClient(Duration.ZERO, Duration.ofMinutes(1), Clock.systemUTC());
    assertThatThrownBy(() -> warehouse.probe(new TableName(null, "scale", "late_soon"), null, CONTEXT))
        .hasMessage("table late_soon of the scale warehouse must be late_<epoch millis>");
  }

  @Test
  void badOptionsNameTheOption() {
    assertThatThrownBy(() -> options(20, 20, 5)).hasMessage("--deadlines must be at least 1 and fewer than --products (20), got 20");
    assertThatThrownBy(() -> options(20, 5, 2)).hasMessage("--poll-interval must be at least 5s, got 2s");
  }

  @Test
  void tinyRunMeasuresEveryFigureConsistently() throws Exception {
    ScaleOptions options = options(20, 5, 5);
    ByteArrayOutputStream report = new ByteArrayOutputStream();

    ScaleBenchmark.Outcome outcome = ScaleBenchmark.run(options, new PrintStream(report, true, StandardCharsets.UTF_8),
        new PrintStream(PrintStream.nullOutputStream()));

    ScaleFigures f = outcome.runs().get(0);
    assertThat(f.products()).isEqualTo(20);
    assertThat(f.baselineHeapBytes()).isPositive();
    assertThat(f.heapBytes()).isPositive();
    assertThat(f.liveThreads()).isPositive();
    assertThat(f.cpuSeconds()).isPositive();
    assertThat(f.registrationsPerSecond()).isPositive();
    // Steady products evaluate every cycle; deadline products only at their first.
    assertThat(f.evaluations()).isPositive();
    assertThat(f.cycles()).isGreaterThanOrEqualTo(f.evaluations());
    // Every cycle is at least one workflow task (a timer firing, then the activities' completions).
    assertThat(f.workflowTasks()).isGreaterThan(f.cycles());
    assertThat(f.historyEventsPerCycle()).isGreaterThan(3);
    // The limit is a handful of cycles: monitors continue as new in the window, and no run outgrows it.
    assertThat(f.continuedAsNew()).isPositive();
    assertThat(f.longestHistory()).isPositive().isLessThanOrEqualTo(options.historyEventsLimit() + 2 * (long) Math.ceil(f.historyEventsPerCycle()));
    assertThat(f.missingAlerts()).isZero();
    // An alert never comes before its deadline: the monitor fired at the deadline, not earlier.
    assertThat(f.alertLatenciesMillis()).hasSize(5).allSatisfy(latency -> assertThat(latency).isNotNegative());
    assertThat(f.wakeMaxPerSecond()).isPositive();
    assertThat((double) f.wakeMaxPerSecond()).isGreaterThanOrEqualTo(f.wakeMeanPerSecond());
    String text = report.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("setting: defaults", "heap after GC", "deadline -> alert       p50 ", "over 5 deadlines",
        "events per product per day");
    assertThat(outcome.exitCode()).isIn(0, 1);
  }

  private static ScaleOptions options(int products, int deadlines, int pollSeconds) {
    return new ScaleOptions(products, deadlines, Duration.ofSeconds(pollSeconds), Duration.ofSeconds(30), Duration.ofMillis(1), 40, 256,
        2, List.of(ScaleVariant.defaults()));
  }

  private static FreshnessAssessment assess(ProductSpec spec, Instant now, Instant lastUpdated) {
    return new FreshnessAssessor().assess(new FreshnessFacts(spec, now, lastUpdated, List.of()));
  }

  private static ProductSpec load(String yaml) {
    SpecResult result = Specs.loader().load("scale.yaml", yaml);
    assertThat(result).as(String.join("; ", result.report())).isInstanceOf(SpecResult.Valid.class);
    return ((SpecResult.Valid) result).spec();
  }
}
