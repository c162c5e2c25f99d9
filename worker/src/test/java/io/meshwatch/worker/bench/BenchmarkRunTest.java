package io.meshwatch.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.worker.cli.MeshwatchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The benchmark's own logic on tiny runs against real engines: what it generates, what each strategy
 * issues, and that the strategies measure the same things. Correctness only: its timings are
 * figures to read, never asserted.
 */
class BenchmarkRunTest {

  /** Enough rows for every pattern of the generated data to occur at least once (the rarest is 1 in 10,007). */
  static final int ROWS = 12_000;
  /** Enough rows for every check but uniqueness to find violations, few enough to keep the runs quick. */
  static final int TINY = 2_000;

  @Test
  void generatorWritesTheTablesItSaysWithRowsThatBreakEveryCheck(@TempDir Path folder) throws Exception {
    ProductShape shape = ProductShape.of(11);
    try (BenchWarehouse warehouse = BenchWarehouse.start(BenchEngine.DUCKDB, folder)) {
      List<BenchProduct> products = new ProductGenerator().generate(warehouse, shape, 3, ROWS);

      assertThat(products).extracting(BenchProduct::table).containsExactly("product_000", "product_001", "product_002");
      List<ProductRun> runs = new HandWrittenStrategy(warehouse, shape).round(products);
      for (ProductRun run : runs) {
        assertThat(run.rowsScanned()).isEqualTo(ROWS);
        assertThat(run.measured()).hasSize(11).allSatisfy((check, value) -> {
          if (check.equals("custom:order_id_unique")) {
            assertThat(value).as(check).isZero();
          } else {
            assertThat(value).as(check).isPositive().isLessThan(ROWS / 5);
          }
        });
      }
      assertThat(runs.get(0).measured()).isNotEqualTo(runs.get(1).measured());
      try (Connection connection = warehouse.openReader(); Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(
              "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'product_%'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BenchEngine.class)
  void tinyRunGivesOneScanForMeshwatchOnePerCheckForTheQueryPerCheckPatternAndNoneOnUnchangedData(BenchEngine engine)
      throws Exception {
    BenchOptions options = new BenchOptions(List.of(engine), 2, 6, TINY, 1, 0, 3);

    EngineResult result = new Benchmark(options, new PrintStream(PrintStream.nullOutputStream())).run().get(0);

    StrategyFigures meshwatch = result.figures(Strategy.MESHWATCH);
    assertThat(meshwatch.scans()).isEqualTo(1.0);
    assertThat(meshwatch.rowsScanned()).isEqualTo(TINY);
    // The scan on the columns its probe resolved: on DuckDB opened read-only nothing else; on
    // PostgreSQL beside it the session's two set-up statements.
    assertThat(meshwatch.statements()).isEqualTo(engine == BenchEngine.DUCKDB ? 1.0 : 3.0);
    StrategyFigures perCheck = result.figures(Strategy.QUERY_PER_CHECK);
    assertThat(perCheck.statements()).isEqualTo(6.0);
    assertThat(perCheck.scans()).isEqualTo(6.0);
    assertThat(perCheck.rowsScanned()).isEqualTo(6.0 * TINY);
    StrategyFigures handWritten = result.figures(Strategy.HAND_WRITTEN);
    assertThat(handWritten.statements()).isEqualTo(1.0);
    assertThat(handWritten.scans()).isEqualTo(1.0);
    assertThat(result.figures(Strategy.UNCHANGED).scans()).isZero();

    CycleFigures cycles = result.cycles();
    assertThat(cycles.firstCycles()).isEqualTo(2);
    assertThat(cycles.firstCycleScans()).isEqualTo(2);
    assertThat(cycles.unchangedCycles()).isGreaterThanOrEqualTo(2 * 2);
    assertThat(cycles.unchangedScans()).isZero();
    assertThat(cycles.changedCycles()).isEqualTo(2);
    assertThat(cycles.changedScans()).isEqualTo(2);
    assertThat(cycles.consistent()).isTrue();

    assertThat(result.disagreements()).isEmpty();
    assertThat(result.perCheckMedianNanos()).hasSize(6);
    assertThat(Target.of(result)).hasSize(4);
  }

  @Test
  void commandPrintsTheTableAndTheVerdictAndRefusesBadOptions() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    int refused;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new MeshwatchCommand()).execute("bench", "--engine", "duckdb", "--products", "1",
          "--checks", "3", "--rows", "2000", "--repeat", "1", "--warmup", "0", "--cycles", "2");
      refused = new CommandLine(new MeshwatchCommand()).execute("bench", "--checks", "0");
    } finally {
      System.setOut(original);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);

    // Whether the time target is met depends on the machine; either way the run completed and is valid.
    assertThat(exit).isIn(0, 1);
    assertThat(refused).isEqualTo(2);
    assertThat(out).contains("machine: ").contains("cores")
        .contains("(a) meshwatch").contains("(b) one query per check").contains("(c) hand-written fused query")
        .contains("(d) meshwatch, data unchanged").contains("verdict duckdb: 1.00 scans per evaluation (target 1): met")
        .contains("0.00 scans per unchanged cycle (target 0): met").containsPattern("verdict: (every target met|missed)");
  }
}
