package io.meshwatch.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwatch diff --against OLD -f NEW}: exit codes and both renderings. */
class SpecDiffCliTest {

  @TempDir Path dir;
  Path reference;
  String text;

  @BeforeEach
  void files() throws Exception {
    reference = Path.of(SpecDiffCliTest.class.getResource("/specs/reference/orders-daily.seed.yaml").toURI());
    text = Files.readString(reference);
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void aBreakingChangeExits3AndNamesTheConsumers() throws Exception {
    Path next = write("next.yaml", text.replace("      pii_handling: hashed", "      pii_handling: tokenized"));

    Cli run = Cli.run(new DiffCommand(), "--against", reference.toString(), "-f", next.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(3);
    assertThat(run.out()).isEqualTo("""
        orders/orders-daily: 1 breaking, 0 compatible, 0 other changes
        schema and output:
          ~ spec.schema[customer_id].pii_handling: hashed -> tokenized  BREAKING (pii_handling changed)
        consumers affected (tell them before deploying):
          finance: Revenue reporting
          ml-platform: Churn prediction features
        """);
  }

  @Test
  void compatibleAndOtherChangesExit0() throws Exception {
    Path next = write("next.yaml", text.replace("freshness_sla_hours: 2", "freshness_sla_hours: 3"));

    Cli run = Cli.run(new DiffCommand(), "--against", reference.toString(), "-f", next.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("~ spec.quality.freshness_sla_hours: 2 -> 3");
  }

  @Test
  void jsonCarriesEveryChangeWithItsImpact() throws Exception {
    Path next = write("next.yaml", text.replace("    table: orders_daily", "    table: orders_daily_v2"));

    Cli run = Cli.run(new DiffCommand(), "--against", reference.toString(), "-f", next.toString(), "-o", "json");

    assertThat(run.exit()).isEqualTo(3);
    JsonNode json = WorkerApi.json().readTree(run.out());
    assertThat(json.at("/product/domain").asText()).isEqualTo("orders");
    assertThat(json.at("/changes/0/path").asText()).isEqualTo("spec.output.table");
    assertThat(json.at("/changes/0/kind").asText()).isEqualTo("OUTPUT_MOVED");
    assertThat(json.at("/changes/0/impact").asText()).isEqualTo("BREAKING");
    assertThat(json.at("/changes/0/before").asText()).isEqualTo("orders_daily");
    assertThat(json.at("/changes/0/after").asText()).isEqualTo("orders_daily_v2");
    assertThat(json.at("/affectedConsumers/1/team").asText()).isEqualTo("ml-platform");
  }

  @Test
  void anInvalidSpecExits1WithItsErrors() throws Exception {
    Path next = write("next.yaml", text.replace("completeness_threshold: 0.999", "completeness_threshold: 1.5"));

    Cli run = Cli.run(new DiffCommand(), "--against", reference.toString(), "-f", next.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(next + ":").contains("spec.quality.completeness_threshold: must be in (0, 1], got 1.5");
  }

  @Test
  void missingOptionsAreAUsageError() {
    // Without --against, diff compares online (ProductCommandsCliTest); without -f there is nothing to compare.
    Cli run = Cli.run(new DiffCommand(), "--against", reference.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--file=NEW'");
  }
}
