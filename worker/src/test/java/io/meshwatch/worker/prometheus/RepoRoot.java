package io.meshwatch.worker.prometheus;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's top folder, for tests that check files outside the module (dashboards, alert
 * rules, docs). Surefire runs tests in the module's folder, an IDE maybe in the top one: walk up
 * from the working folder to the first that holds the Maven wrapper and grafana/.
 */
public final class RepoRoot {

  private RepoRoot() {}

  public static Path find() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("grafana"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no meshwatch repository (mvnw and grafana/) at or above " + start);
  }
}
