package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.workflows.model.AlertsSpec;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import io.meshwatch.workflows.model.SlaSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reference spec of the design must be accepted exactly as it stands. */
class ReferenceSpecTest {

  /** Tests run in worker/; the design folder sits beside the repository. */
  private static final List<Path> SHARED_CANDIDATES = List.of(
      Path.of("../../shared/reference/orders-daily.seed.yaml"),
      Path.of("../shared/reference/orders-daily.seed.yaml"));

  private final SpecLoader loader = new SpecLoader(new ExpressionParser());

  static Path resourceCopy() throws URISyntaxException {
    return Path.of(ReferenceSpecTest.class.getResource("/specs/reference/orders-daily.seed.yaml").toURI());
  }

  static Optional<Path> sharedCopy() {
    return SHARED_CANDIDATES.stream().filter(Files::isRegularFile).findFirst();
  }

  @Test
  void theCopyInTestResourcesIsTheReferenceSpecWhereverBothExist() throws Exception {
    byte[] copy = Files.readAllBytes(resourceCopy());

    assertThat(new String(copy, java.nio.charset.StandardCharsets.UTF_8)).contains("name: orders-daily");
    Optional<Path> shared = sharedCopy();
    if (shared.isPresent()) {
      assertThat(copy).as("test resource copy of " + shared.get()).isEqualTo(Files.readAllBytes(shared.get()));
    }
  }

  @Test
  void theReferenceSpecIsAcceptedFromTheDesignFolderAndFromTheCopy() throws Exception {
    List<Path> sources = Stream.concat(Stream.of(resourceCopy()), sharedCopy().stream()).toList();

    for (Path source : sources) {
      SpecResult result = loader.loadFile(source);

      assertThat(result).as(source.toString()).isInstanceOf(SpecResult.Valid.class);
      assertThat(result.problems()).as("warnings for " + source).isEmpty();
    }
  }

  @Test
  void everyFieldOfTheReferenceSpecMapsToTheModel() throws Exception {
    ProductSpec spec = ((SpecResult.Valid) loader.loadFile(resourceCopy())).spec();

    assertThat(spec.id()).isEqualTo(new ProductId("orders", "orders-daily"));
    assertThat(spec.id().workflowId()).isEqualTo("product/orders/orders-daily");
    assertThat(spec.owner()).isEqualTo("orders-platform-team");
    assertThat(spec.steward()).isEqualTo("jane.smith@company.com");
    assertThat(spec.description()).isEqualTo(
        "Daily aggregate of all completed orders. Grain: one row per order per day. "
            + "Updated: daily at 6am UTC. SLA: available by 7am UTC, 99.9% uptime.");
    assertThat(spec.output()).isEqualTo(new OutputSpec(
        OutputFormat.DELTA,
        "s3://data-platform/products/orders/orders_daily/",
        "glue",
        "domain_orders",
        null,
        "orders_daily",
        null,
        null,
        null));
    assertThat(spec.schema()).containsExactly(
        new ColumnSpec("order_id", "string", false, false, null),
        new ColumnSpec("customer_id", "string", false, true, PiiHandling.HASHED));
    assertThat(spec.quality()).isEqualTo(new QualitySpec(
        2.0,
        0.999,
        List.of(
            new CustomCheckSpec("order_count_gt_0", "order_count > 0", Severity.FAIL, 0),
            new CustomCheckSpec("revenue_usd_ge_0", "revenue_usd >= 0", Severity.FAIL, 0)),
        null,
        null,
        null));
    assertThat(spec.consumers()).containsExactly(
        new ConsumerSpec("finance", "Revenue reporting"),
        new ConsumerSpec("ml-platform", "Churn prediction features"));
    assertThat(spec.sla()).isEqualTo(SlaSpec.defaults());
    assertThat(spec.escalation()).isEqualTo(EscalationSpec.defaults());
    assertThat(spec.alerts()).isEqualTo(AlertsSpec.defaults());
  }

  @Test
  void theDemoSpecsShippedWithTheWorkerAreAccepted() throws IOException {
    List<SpecResult> results = loader.loadDirectory(Path.of("src/main/resources/demo"));

    assertThat(results).hasSizeGreaterThanOrEqualTo(3);
    assertThat(results).allSatisfy(result -> {
      assertThat(result).as(String.join("\n", result.report())).isInstanceOf(SpecResult.Valid.class);
      assertThat(result.problems()).isEmpty();
    });
  }
}
