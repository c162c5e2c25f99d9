package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents are refused quickly, with a problem, never with an exception or a stack overflow. */
@Timeout(30)
class UntrustedInputTest {

  private static final String VALID = """
      apiVersion: dataproduct/v1
      kind: DataProduct
      metadata:
        name: orders-daily
        domain: orders
        owner: orders-platform-team
        steward: jane.smith@company.com
      spec:
        output:
          format: delta
          location: s3://data-platform/products/orders/orders_daily/
      """;

  private final SpecLoader loader = new SpecLoader(new ExpressionParser());

  @Test
  void aSpecOfExactlyOneMebibyteIsRead() {
    String text = padTo(VALID, SpecLoader.MAX_BYTES);

    assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(SpecLoader.MAX_BYTES);
    assertThat(loader.load("big.yaml", text)).isInstanceOf(SpecResult.Valid.class);
  }

  @Test
  void oneByteOverTheCapIsRefusedBeforeParsing() {
    String text = padTo(VALID, SpecLoader.MAX_BYTES + 1);

    SpecResult result = loader.load("big.yaml", text);

    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    assertThat(result.report()).containsExactly(
        "big.yaml: (document): the spec is 1048577 bytes; the limit is 1048576 bytes (1 MiB)");
  }

  @Test
  void theCapCountsBytesNotCharacters() {
    String text = VALID + "# " + "é".repeat(600_000) + "\n";

    SpecResult result = loader.load("wide.yaml", text);

    assertThat(text.length()).isLessThan(SpecLoader.MAX_BYTES);
    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    assertThat(result.problems().get(0).message()).contains("the limit is 1048576 bytes");
  }

  @Test
  void anOversizedFileIsRefusedByItsSize(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("huge.yaml");
    Files.writeString(file, padTo(VALID, 2 * SpecLoader.MAX_BYTES));

    SpecResult result = loader.loadFile(file);

    assertThat(result.report()).containsExactly(
        file + ": (document): the spec is 2097152 bytes; the limit is 1048576 bytes (1 MiB)");
  }

  @Test
  void aDeepFlowNestingBombIsRefusedWithoutOverflowingTheStack() {
    int depth = 200_000;
    String text = VALID + "  description: " + "[".repeat(depth) + "]".repeat(depth) + "\n";

    SpecResult result = loader.load("bomb.yaml", text);

    assertThat(result.report()).containsExactly("bomb.yaml:12: spec.description: nested deeper than 20 levels");
  }

  @Test
  void aDeepBlockNestingOfMappingsIsRefused() {
    StringBuilder text = new StringBuilder(VALID).append("  description:\n");
    for (int i = 0; i < 200; i++) {
      text.append(" ".repeat(4 + i)).append("a:\n");
    }

    SpecResult result = loader.load("deep.yaml", text.toString());

    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.message()).isEqualTo("nested deeper than 20 levels");
      assertThat(problem.path()).startsWith("spec.description.a.a.a");
    });
  }

  @Test
  void twentyLevelsAreAllowedAndTwentyOneAreNot() {
    // The root mapping and spec are two levels; description adds the rest.
    String eighteen = VALID + "  description: " + "[".repeat(18) + "]".repeat(18) + "\n";
    String nineteen = VALID + "  description: " + "[".repeat(19) + "]".repeat(19) + "\n";

    assertThat(loader.load("ok.yaml", eighteen).problems())
        .extracting(SpecProblem::render)
        .containsExactly("spec.description: must be text, got a list");
    assertThat(loader.load("deep.yaml", nineteen).problems())
        .extracting(SpecProblem::render)
        .containsExactly("spec.description: nested deeper than 20 levels");
  }

  @Test
  void aLargeAliasBombIsRefusedWithOneProblemPerAlias() {
    StringBuilder text = new StringBuilder(VALID).append("  description:\n");
    text.append("    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level < 12; level++) {
      text.append("    l").append(level).append(": &l").append(level).append(" [");
      for (int i = 0; i < 10; i++) {
        text.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
      }
      text.append("]\n");
    }

    SpecResult result = loader.load("laughs.yaml", text.toString());

    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    assertThat(result.problems()).filteredOn(p -> p.message().startsWith("YAML aliases")).hasSize(11);
    assertThat(result.problems()).filteredOn(p -> p.message().startsWith("YAML anchors")).hasSize(12);
  }

  @Test
  void theNumberOfReportedErrorsIsCapped() {
    StringBuilder text = new StringBuilder(VALID);
    for (int i = 0; i < 500; i++) {
      text.append("  extra").append(i).append(": x\n");
    }

    SpecResult result = loader.load("noisy.yaml", text.toString());

    assertThat(result.problems()).hasSize(Problems.LIMIT + 1);
    assertThat(result.problems().get(Problems.LIMIT).render())
        .isEqualTo("(document): more than 100 errors; the rest are not listed");
  }

  @Test
  void longAndControlCharacterValuesAreEchoedShortAndPrintable() {
    String text = VALID.replace("owner: orders-platform-team", "owner: \"" + "x\\u0007".repeat(5_000) + "\"");

    SpecResult result = loader.load("echo.yaml", text);

    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("metadata.owner");
      assertThat(problem.message()).contains("x\\u0007x\\u0007").doesNotContain("\u0007").hasSizeLessThan(300);
    });
  }

  @Test
  void nonPrintableCharactersInTheStreamAreASyntaxProblem() {
    SpecResult result = loader.load("binary.yaml", VALID + "  description: \u0000\n");

    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo(SpecProblem.DOCUMENT);
      assertThat(problem.message()).startsWith("not valid YAML");
    });
  }

  @Test
  void bytesThatAreNotUtf8AreRefused(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("latin1.yaml");
    Files.write(file, (VALID + "  description: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));

    assertThat(loader.loadFile(file).report()).containsExactly(file + ": (document): not UTF-8 text");
  }

  @Test
  void refusalIsQuickEvenForTheWorstCases() {
    long started = System.nanoTime();
    loader.load("bomb.yaml", VALID + "  description: " + "[".repeat(500_000) + "\n");
    loader.load("big.yaml", padTo(VALID, SpecLoader.MAX_BYTES + 1));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  /** {@code text} followed by a comment that makes it exactly {@code bytes} long in UTF-8. */
  private static String padTo(String text, int bytes) {
    int missing = bytes - text.getBytes(StandardCharsets.UTF_8).length - 3;
    return text + "# " + "x".repeat(missing) + "\n";
  }
}
