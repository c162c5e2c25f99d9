package io.meshwatch.worker.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaAllowedRootsTest {

  static final String LOCATION = "location: s3://data-platform/products/orders/orders_daily/";

  final Policy policy = Policy.DeltaAllowedRoots.of(Map.of(
      "lake", new DeltaRoots(List.of("s3://data-platform/products/orders")),
      "scratch", DeltaRoots.anywhere())).orElseThrow();

  @Test
  void aLocationUnderARootOfItsConnectionComplies() {
    assertThat(policy.check(Specs.reference("format: delta", "format: delta\n    connection: lake"))).isEmpty();
  }

  @Test
  void aLocationOutsideTheRootsIsRefusedAtTheLocationSegmentBySegment() {
    var spec = Specs.reference(LOCATION, "location: s3://data-platform/products/orders_archive/orders_daily/\n    connection: lake");

    assertThat(policy.check(spec)).containsExactly(new PolicyViolation("delta-allowed-roots", "spec.output.location",
        "'s3://data-platform/products/orders_archive/orders_daily/' is not under an allowed root of warehouse connection 'lake'"
            + " (allowed_roots: s3://data-platform/products/orders)"));
  }

  @Test
  void leavingOutTheConnectionIsRefusedBecauseTheBuiltInOneIsOff() {
    assertThat(policy.check(Specs.reference("format: delta", "format: delta")))
        .extracting(PolicyViolation::path).containsExactly("spec.output.connection");
  }

  @Test
  void anUnrestrictedConnectionAnUnknownOneAndOtherFormatsAreNotThisPolicysConcern() {
    assertThat(policy.check(Specs.reference("format: delta", "format: delta\n    connection: scratch"))).isEmpty();
    assertThat(policy.check(Specs.reference("format: delta", "format: delta\n    connection: nowhere"))).isEmpty();
    String duckdb = Specs.REFERENCE.replace("    " + LOCATION + "\n", "").replace("    catalog: glue\n", "")
        .replace("format: delta", "format: duckdb\n    connection: warehouse");
    assertThat(policy.check(Specs.load(duckdb))).isEmpty();
  }

  @Test
  void itIsInForceOnlyWhenADeltaConnectionListsRoots(@TempDir Path dir) throws Exception {
    WorkerConfig restricted = config(dir.resolve("restricted.yaml"), """
        warehouses:
          lake:
            format: delta
            allowed_roots: [s3://data-platform/products/orders]
          scratch:
            format: delta
        """);
    WorkerConfig open = config(dir.resolve("open.yaml"), """
        warehouses:
          scratch:
            format: delta
        """);

    assertThat(restricted.policiesInForce()).extracting(Policy::name).containsExactly("delta-allowed-roots");
    assertThat(restricted.policiesInForce().get(0).parameters())
        .isEqualTo(Map.of("allowed_roots", Map.of("lake", List.of("s3://data-platform/products/orders"))));
    assertThat(open.policiesInForce()).isEmpty();
    assertThat(Policy.DeltaAllowedRoots.of(Map.of("scratch", DeltaRoots.anywhere()))).isEmpty();
  }

  private static WorkerConfig config(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    return new ConfigLoader(Map.of()).load(file);
  }
}
