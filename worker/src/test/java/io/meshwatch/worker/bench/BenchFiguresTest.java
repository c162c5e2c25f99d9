package io.meshwatch.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

  @Test
  void percentilesAreNearestRank() {
    List<Long> samples = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L);

    assertThat(Percentiles.median(samples)).isEqualTo(5);
    assertThat(Percentiles.p95(samples)).isEqualTo(10);
    assertThat(Percentiles.median(List.of(7L))).isEqualTo(7);
    assertThatThrownBy(() -> Percentiles.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void strategyFiguresAverageCostsPerProductAndTakeMediansOfTime() {
    List<List<ProductRun>> rounds = List.of(
        List.of(run("t1", 8, 8, 1_000, 30), run("t2", 8, 8, 1_000, 10)),
        List.of(run("t1", 8, 8, 1_000, 20), run("t2", 8, 8, 1_000, 40)));

    StrategyFigures figures = StrategyFigures.of(Strategy.QUERY_PER_CHECK, rounds);

    assertThat(figures.statements()).isEqualTo(8.0);
    assertThat(figures.scans()).isEqualTo(8.0);
    assertThat(figures.rowsScanned()).isEqualTo(1_000.0);
    assertThat(figures.medianNanos()).isEqualTo(20);
    assertThat(figures.p95Nanos()).isEqualTo(40);
    assertThat(figures.roundMedianNanos()).isEqualTo(40);
  }

  @Test
  void agreementNamesTheCheckTwoStrategiesMeasuredDifferently() {
    Map<Strategy, List<List<ProductRun>>> runs = new EnumMap<>(Strategy.class);
    runs.put(Strategy.MESHWATCH, List.of(List.of(measuring("t1", Map.of("not_null:a", 3L, "custom:b", 1L)))));
    runs.put(Strategy.HAND_WRITTEN, List.of(List.of(measuring("t1", Map.of("not_null:a", 4L, "custom:b", 1L)))));

    assertThat(Agreement.disagreements(runs)).singleElement().asString()
        .contains("t1").contains("not_null:a 3 vs 4").doesNotContain("custom:b");
    runs.put(Strategy.HAND_WRITTEN, List.of(List.of(measuring("t1", Map.of("not_null:a", 3L, "custom:b", 1L)))));
    assertThat(Agreement.disagreements(runs)).isEmpty();
  }

  @Test
  void cyclesAreClassifiedByTheDataVersionTheirProbeRead() {
    List<PortCall> calls = List.of(
        probe("p1", "v1"), call("p1", PortCall.Operation.COLUMNS, 0), call("p1", PortCall.Operation.SCAN, 1),
        probe("p2", "w1"), call("p2", PortCall.Operation.COLUMNS, 0), call("p2", PortCall.Operation.SCAN, 1),
        probe("p1", "v1"),
        probe("p2", "w1"),
        probe("p1", "v2"), call("p1", PortCall.Operation.COLUMNS, 0), call("p1", PortCall.Operation.SCAN, 1));
    RecordedCycles recorded = new RecordedCycles();

    CycleFigures figures = CycleFigures.of(calls, recorded);

    assertThat(figures.firstCycles()).isEqualTo(2);
    assertThat(figures.firstCycleScans()).isEqualTo(2);
    assertThat(figures.unchangedCycles()).isEqualTo(2);
    assertThat(figures.unchangedScans()).isZero();
    assertThat(figures.statementsPerUnchangedCycle()).isEqualTo(4.0);
    assertThat(figures.changedCycles()).isEqualTo(1);
    assertThat(figures.changedScans()).isEqualTo(1);
    assertThat(figures.portScans()).isEqualTo(3);
    // Nothing was recorded by monitors here, so the two counts cannot agree.
    assertThat(figures.consistent()).isFalse();
  }

  @Test
  void optionsRefuseRunsThatCannotShowTheRule() {
    assertThatThrownBy(() -> new BenchOptions(List.of(BenchEngine.DUCKDB), 1, 8, 10, 1, 0, 1))
        .hasMessageContaining("--cycles");
    assertThatThrownBy(() -> new BenchOptions(List.of(BenchEngine.DUCKDB), 0, 8, 10, 1, 0, 2))
        .hasMessageContaining("--products");
    assertThat(BenchEngine.parse("both")).containsExactly(BenchEngine.DUCKDB, BenchEngine.POSTGRES);
    assertThat(new BenchOptions(BenchEngine.parse("both"), 20, 8, null, 3, 1, 5).commandLine())
        .isEqualTo("meshwatch bench --engine both --products 20 --checks 8 --repeat 3 --warmup 1 --cycles 5");
    assertThat(new BenchOptions(BenchEngine.parse("postgres"), 20, 8, 1000, 3, 1, 5).rows(BenchEngine.POSTGRES))
        .isEqualTo(1000);
    assertThat(BenchEngine.parse("PostgreS")).containsExactly(BenchEngine.POSTGRES);
    assertThatThrownBy(() -> BenchEngine.parse("snowflake")).hasMessageContaining("--engine");
  }

  private static ProductRun run(String table, int statements, int scans, long rows, long nanos) {
    return new ProductRun(table, statements, scans, rows, nanos, 0, Map.of(), Map.of());
  }

  private static ProductRun measuring(String table, Map<String, Long> measured) {
    return new ProductRun(table, 1, 1, 10, 1, 0, measured, Map.of());
  }

  private static PortCall probe(String tag, String version) {
    return new PortCall(tag, PortCall.Operation.PROBE, 0, 2, 2, 5, version);
  }

  private static PortCall call(String tag, PortCall.Operation operation, int scans) {
    return new PortCall(tag, operation, scans, operation == PortCall.Operation.COLUMNS ? 1 : 0, 2, 5, null);
  }
}
