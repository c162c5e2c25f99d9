package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of invalid specs in {@code specs/invalid}. Each file lists every error it must produce,
 * in document order, as header lines {@code # expect: LINE PATH: MESSAGE-FRAGMENT}; no other error
 * may be reported.
 */
class InvalidSpecCorpusTest {

  private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+) (\\S+): (.+)");

  private final SpecLoader loader = new SpecLoader(new ExpressionParser());

  record Expected(int line, String path, String fragment) {}

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path directory = Path.of(InvalidSpecCorpusTest.class.getResource("/specs/invalid").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static List<Expected> expectations(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(EXPECT::matcher)
        .filter(Matcher::matches)
        .map(m -> new Expected(Integer.parseInt(m.group(1)), m.group(2), m.group(3)))
        .toList();
  }

  @Test
  void theCorpusHoldsAtLeastThirtySpecsEachWithExpectations() throws Exception {
    List<Path> files = corpus().toList();

    assertThat(files).hasSizeGreaterThanOrEqualTo(30);
    for (Path file : files) {
      assertThat(expectations(file)).as(file.getFileName().toString()).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyExpectedErrorIsReportedAndNothingElse(Path file) throws IOException {
    List<Expected> expected = expectations(file);

    SpecResult result = loader.loadFile(file);

    assertThat(result).as(String.join("\n", result.report())).isInstanceOf(SpecResult.Invalid.class);
    List<SpecProblem> errors = result.problems();
    assertThat(errors.stream().map(e -> e.line() + " " + e.path()).toList())
        .as(String.join("\n", result.report()))
        .containsExactlyElementsOf(expected.stream().map(e -> e.line() + " " + e.path()).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(errors.get(i).message()).as(errors.get(i).render()).contains(expected.get(i).fragment());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void reportsNameTheFileAndLine(Path file) {
    SpecResult result = loader.loadFile(file);

    for (int i = 0; i < result.problems().size(); i++) {
      SpecProblem problem = result.problems().get(i);
      String prefix = problem.line() > 0 ? file + ":" + problem.line() + ": " : file + ": ";
      assertThat(result.report().get(i)).isEqualTo(prefix + problem.path() + ": " + problem.message());
    }
    assertThat(result.source()).isEqualTo(file.toString());
  }
}
