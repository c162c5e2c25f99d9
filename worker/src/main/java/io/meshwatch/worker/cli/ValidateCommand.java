package io.meshwatch.worker.cli;

import io.meshwatch.worker.runtime.Specs;
import io.meshwatch.worker.spec.SpecLoader;
import io.meshwatch.worker.spec.SpecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshwatch validate PATH...}: offline spec validation for CI; exit 1 when any spec is invalid. */
@Command(name = "validate", description = "Validate product specs offline: every error, with file, line and path.")
public final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "spec files or folders of *.yaml / *.yml")
  List<Path> paths;

  @Override
  public Integer call() {
    List<SpecResult> results = load(Specs.loader(), paths);
    int invalid = 0;
    for (SpecResult result : results) {
      switch (result) {
        case SpecResult.Valid valid -> {
          System.out.println(valid.source() + ": ok (" + valid.spec().id() + ")");
          valid.report().forEach(line -> System.out.println("warning: " + line));
        }
        case SpecResult.Invalid bad -> {
          invalid++;
          bad.report().forEach(System.err::println);
        }
      }
    }
    System.out.println(results.size() + " spec(s), " + invalid + " invalid");
    return invalid == 0 ? 0 : 1;
  }

  static List<SpecResult> load(SpecLoader loader, List<Path> paths) {
    List<SpecResult> results = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        results.addAll(loader.loadDirectory(path));
      } else {
        results.add(loader.loadFile(path));
      }
    }
    return results;
  }
}
