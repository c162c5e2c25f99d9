package io.meshwatch.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.replay.HistoryScenarios.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-runs {@link HistoryScenarios} and rewrites the replay fixtures in {@code src/test/resources/histories}.
 * Not part of the default build: its name matches none of Surefire's default test patterns, so it runs
 * only when asked for by name (see docs/upgrading-workflows.md):
 *
 * <pre>./mvnw -pl workflows test -Dtest=RecordHistories</pre>
 *
 * Record with the workflow code of the version being released, never with a change that is still
 * under review: the fixtures are what later changes must stay compatible with.
 */
class RecordHistories {

  /** Maven runs the tests from the module's folder. */
  static final Path FIXTURES = Path.of("src", "test", "resources");

  @Test
  void recordEveryScenario() throws IOException {
    List<Recorded> recorded = HistoryScenarios.recordAll();
    assertThat(recorded).extracting(r -> r.fixture().toString()).doesNotHaveDuplicates();
    for (Recorded r : recorded) {
      Path file = FIXTURES.resolve(r.fixture().resource());
      Files.createDirectories(file.getParent());
      Files.writeString(file, r.history().toJson(true) + "\n", StandardCharsets.UTF_8);
    }
  }
}
