package io.meshwatch.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.incident.IncidentWorkflow;
import io.meshwatch.workflows.incident.IncidentWorkflowImpl;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflow;
import io.meshwatch.workflows.monitor.ProductMonitorWorkflowImpl;
import io.meshwatch.workflows.source.SourceOutageWorkflow;
import io.meshwatch.workflows.source.SourceOutageWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded history under {@code histories/} against the current workflow code (DESIGN
 * §8). A change that would make a running workflow fail on its next workflow task (a command added,
 * removed or reordered without {@code Workflow.getVersion}) fails here, named after the fixture it
 * broke. See docs/upgrading-workflows.md.
 */
class WorkflowHistoryReplayTest {

  /** The implementation each recorded workflow type replays against, by the type name in its history. */
  static final Map<String, Class<?>> IMPLEMENTATIONS = Map.of(
      ProductMonitorWorkflow.TYPE, ProductMonitorWorkflowImpl.class,
      IncidentWorkflow.class.getSimpleName(), IncidentWorkflowImpl.class,
      SourceOutageWorkflow.TYPE, SourceOutageWorkflowImpl.class);

  /** A fixture file on the test class path, named {@code <workflow>/<scenario>} after its place under {@code histories/}. */
  record FixtureFile(String name, Path path) {
    WorkflowExecutionHistory history() {
      try {
        // The fixture's name as the workflow id: it is what a replay failure reports.
        return WorkflowExecutionHistory.fromJson(Files.readString(path, StandardCharsets.UTF_8), name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String workflowType() {
      return history().getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
    }
  }

  static List<FixtureFile> fixtures() throws IOException, URISyntaxException {
    URL root = WorkflowHistoryReplayTest.class.getClassLoader().getResource("histories");
    assertThat(root).as("the histories/ fixtures are on the test class path").isNotNull();
    Path dir = Path.of(root.toURI());
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted()
          .map(p -> new FixtureFile(dir.relativize(p).toString().replace('\\', '/').replaceFirst("\\.json$", ""), p))
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplaysAgainstTheCurrentCode() throws IOException, URISyntaxException {
    return fixtures().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      Class<?> implementation = IMPLEMENTATIONS.get(f.workflowType());
      assertThat(implementation).as("%s records workflow type %s, which has no implementation to replay against", f.name(), f.workflowType())
          .isNotNull();
      try {
        WorkflowReplayer.replayWorkflowExecution(f.history(), implementation);
      } catch (Exception e) {
        throw new AssertionError("history " + f.name() + " no longer replays against " + implementation.getSimpleName()
            + ": the change is not backward compatible with running workflows; guard it with Workflow.getVersion"
            + " (docs/upgrading-workflows.md)", e);
      }
    }));
  }

  /** The safety net covers every workflow type, each with more than one path, and each fixture sits in its type's folder. */
  @Test
  void everyWorkflowTypeHasRecordedHistories() throws IOException, URISyntaxException {
    Map<String, String> folders = Map.of(
        ProductMonitorWorkflow.TYPE, HistoryScenarios.MONITOR,
        IncidentWorkflow.class.getSimpleName(), HistoryScenarios.INCIDENT,
        SourceOutageWorkflow.TYPE, HistoryScenarios.SOURCE_OUTAGE);
    List<FixtureFile> fixtures = fixtures();
    assertThat(fixtures).allSatisfy(f -> assertThat(f.name()).startsWith(folders.get(f.workflowType()) + "/"));
    assertThat(fixtures).filteredOn(f -> f.workflowType().equals(ProductMonitorWorkflow.TYPE)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(fixtures).filteredOn(f -> f.workflowType().equals(IncidentWorkflow.class.getSimpleName())).hasSizeGreaterThanOrEqualTo(3);
    assertThat(fixtures).filteredOn(f -> f.workflowType().equals(SourceOutageWorkflow.TYPE)).isNotEmpty();
  }
}
