package io.meshwatch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflows module must stay replayable: no wall clock, sleeps, randomness, threads or I/O in its
 * main sources (time and randomness come from {@code Workflow.*}). A source scan, so a violation fails
 * the build with the file and line.
 */
class WorkflowCodeIsDeterministicTest {

  private static final Pattern FORBIDDEN = Pattern.compile(
      "System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|LocalDate(Time)?\\.now|ZonedDateTime\\.now"
          + "|OffsetDateTime\\.now|Clock\\.system|Thread\\.sleep|new Thread\\b|Executors\\.|Math\\.random|new Random\\b"
          + "|UUID\\.randomUUID|ThreadLocalRandom|import java\\.sql\\.|import java\\.net\\.|import java\\.io\\.File"
          + "|import java\\.nio\\.file\\.|import java\\.net\\.http");

  @Test
  void mainSourcesUseNoClockSleepRandomThreadOrIo() throws IOException {
    Path root = Path.of("src/main/java");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (FORBIDDEN.matcher(lines.get(i)).find()) {
            violations.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(violations).as("non-deterministic calls in workflow code").isEmpty();
  }
}
