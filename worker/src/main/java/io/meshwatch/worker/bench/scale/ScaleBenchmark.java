package io.meshwatch.worker.bench.scale;

import io.meshwatch.worker.bench.MachineInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code meshwatch bench-scale}: runs each worker setting in turn and reports; the exit code says whether every target was met. */
public final class ScaleBenchmark {

  private ScaleBenchmark() {}

  /** The figures of every setting and the exit code: 0 every target met, 1 one missed. */
  public record Outcome(List<ScaleFigures> runs, int exitCode) {
    public Outcome {
      runs = List.copyOf(runs);
    }
  }

  /** Runs the benchmark, the report to {@code out} and progress to {@code progress}; embedded data under a temporary folder. */
  public static Outcome run(ScaleOptions options, PrintStream out, PrintStream progress) throws Exception {
    Path root = Files.createTempDirectory("meshwatch-scale");
    try {
      List<ScaleFigures> runs = new ArrayList<>();
      for (int i = 0; i < options.variants().size(); i++) {
        runs.add(new ScaleRun(options, options.variants().get(i), progress).run(root.resolve("run-" + i)));
      }
      out.print(ScaleReport.render(options, MachineInfo.current(), runs));
      out.flush();
      return new Outcome(runs, ScaleReport.allMet(options, runs) ? 0 : 1);
    } finally {
      delete(root);
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
