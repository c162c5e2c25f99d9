package io.meshwatch.worker.bench;

import io.meshwatch.activities.warehouse.WarehouseConnections;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost benchmark: on each engine, generates the products, then measures (a), (b) and (c) in
 * rounds — unmeasured warm-up rounds first, then measured rounds whose strategy order rotates so no
 * strategy always runs on the caches another left — splits meshwatch's time, and runs (d) on the
 * real monitor. Everything lives in a temporary folder that is removed at the end.
 */
public final class Benchmark {

  private final BenchOptions options;
  private final PrintStream progress;

  public Benchmark(BenchOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public List<EngineResult> run() throws Exception {
    Path folder = Files.createTempDirectory("meshwatch-bench");
    try {
      List<EngineResult> results = new ArrayList<>();
      for (BenchEngine engine : options.engines()) {
        results.add(run(engine, folder.resolve(engine.label())));
      }
      return results;
    } finally {
      delete(folder);
    }
  }

  private EngineResult run(BenchEngine engine, Path folder) throws Exception {
    Files.createDirectories(folder);
    ProductShape shape = ProductShape.of(options.checks());
    Instant scheduledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    say(engine, "starting");
    double loadBefore = MachineInfo.loadAverage();
    try (BenchWarehouse warehouse = BenchWarehouse.start(engine, folder)) {
      int rows = options.rows(engine);
      say(engine, String.format(Locale.ROOT, "generating %d tables of %,d rows", options.products(), rows));
      List<BenchProduct> products = new ProductGenerator().generate(warehouse, shape, options.products(), rows);
      String version = warehouse.describe();
      WarehouseConnections connections = WarehouseConnections.fromSettings(List.of(warehouse.settings()));
      List<EvaluationStrategy> strategies = List.of(
          new MeshwatchStrategy(connections, scheduledAt),
          new QueryPerCheckStrategy(warehouse, connections, products, scheduledAt),
          new HandWrittenStrategy(warehouse, shape));

      for (int round = 0; round < options.warmups(); round++) {
        say(engine, "warm-up round " + (round + 1) + " of " + options.warmups());
        for (EvaluationStrategy strategy : strategies) {
          strategy.round(products);
        }
      }
      Map<Strategy, List<List<ProductRun>>> runs = new EnumMap<>(Strategy.class);
      for (int round = 0; round < options.repeats(); round++) {
        say(engine, "round " + (round + 1) + " of " + options.repeats());
        for (int i = 0; i < strategies.size(); i++) {
          EvaluationStrategy strategy = strategies.get((round + i) % strategies.size());
          runs.computeIfAbsent(strategy.strategy(), s -> new ArrayList<>()).add(strategy.round(products));
        }
      }
      say(engine, "splitting meshwatch's time");
      TimeSplit split = new TimeSplitter(warehouse, connections, scheduledAt).measure(products);
      say(engine, "running the monitors for " + options.cycles() + " cycles on unchanged data, then one after a change");
      CycleFigures cycles = new UnchangedDataRun(warehouse, connections).run(products, options.cycles());

      List<StrategyFigures> figures = new ArrayList<>();
      for (Strategy strategy : List.of(Strategy.MESHWATCH, Strategy.QUERY_PER_CHECK, Strategy.HAND_WRITTEN)) {
        figures.add(StrategyFigures.of(strategy, runs.get(strategy)));
      }
      figures.add(StrategyFigures.of(cycles));
      return new EngineResult(engine, rows, version, loadBefore, MachineInfo.loadAverage(), figures, cycles, split,
          perCheck(runs.get(Strategy.QUERY_PER_CHECK)), Agreement.disagreements(runs));
    }
  }

  /** (b)'s median wall time of each check's query. */
  private static Map<String, Long> perCheck(List<List<ProductRun>> rounds) {
    Map<String, List<Long>> samples = new HashMap<>();
    for (List<ProductRun> round : rounds) {
      for (ProductRun run : round) {
        run.checkNanos().forEach((check, nanos) -> samples.computeIfAbsent(check, c -> new ArrayList<>()).add(nanos));
      }
    }
    Map<String, Long> medians = new HashMap<>();
    samples.forEach((check, nanos) -> medians.put(check, Percentiles.median(nanos)));
    return medians;
  }

  private void say(BenchEngine engine, String message) {
    progress.println("[bench " + engine.label() + "] " + message);
  }

  static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
