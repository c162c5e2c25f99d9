package io.meshwatch.worker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The spec files a {@code -f} names: the file itself, or every {@code *.yaml}, {@code *.yml} and
 * {@code *.json} file under a folder (hidden ones skipped, as validate skips them), in path order.
 */
final class SpecFiles {

  private SpecFiles() {}

  static List<Path> of(List<Path> given) throws ApiOptions.UsageException {
    List<Path> files = new ArrayList<>();
    for (Path path : given) {
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(file -> isSpec(file) && !hidden(path.relativize(file)))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new ApiOptions.UsageException("-f " + path + ": cannot list the folder (" + e.getClass().getSimpleName() + ")");
        }
      } else {
        throw new ApiOptions.UsageException("-f " + path + ": no such file or folder");
      }
    }
    if (files.isEmpty()) {
      throw new ApiOptions.UsageException("-f " + given + ": no *.yaml, *.yml or *.json spec files");
    }
    return files;
  }

  /** The media type the API reads the file's text as. */
  static String contentType(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : "application/yaml";
  }

  private static boolean isSpec(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
