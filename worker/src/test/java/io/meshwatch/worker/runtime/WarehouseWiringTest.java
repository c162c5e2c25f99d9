package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.freshness.FreshnessAssessor;
import io.meshwatch.worker.config.ConfigLoader;
import io.meshwatch.worker.config.WorkerConfig;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.WarehouseActivities;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarehouseWiringTest {

  @Test
  void metadataIsSharedForAFifthOfThePollIntervalUnlessConfigured() {
    assertThat(WarehouseWiring.sharedMetadataProperties(Map.of("warehouse", "WH"), Duration.ofMinutes(5)))
        .containsEntry("metadata_max_age", "PT1M").containsEntry("warehouse", "WH");
    assertThat(WarehouseWiring.sharedMetadataProperties(Map.of("metadata_max_age", "30s"), Duration.ofMinutes(5)))
        .containsEntry("metadata_max_age", "PT30S");
    assertThat(WarehouseWiring.sharedMetadataProperties(Map.of("metadata_max_age", "0s"), Duration.ofMinutes(5)))
        .containsEntry("metadata_max_age", "PT0S");
  }

  @Test
  void aConfiguredSnowflakeConnectionServesSnowflakeProductsAndAnUnreachableAccountIsAnError() {
    WarehouseActivities activities = WarehouseWiring.activities(Map.of("sf", new WorkerConfig.Warehouse("snowflake",
        "jdbc:snowflake://127.0.0.1:9/?ssl=off", "MESHWATCH", "SNOWFLAKE_PASSWORD", null, Duration.ofSeconds(1),
        Map.of("database", "ANALYTICS"))), new ConfigLoader(Map.of("SNOWFLAKE_PASSWORD", "s3cret")),
        new FreshnessAssessor(), Duration.ofMinutes(5));
    ProductSpec spec = new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", null, "orders",
        new OutputSpec(OutputFormat.SNOWFLAKE, null, null, null, null, "orders_daily", null, null, "sf"), List.of(), null,
        List.of(), null, null, null);

    var probe = activities.probe(new ProbeInput(spec, Instant.parse("2024-06-10T12:00:00Z"), List.of()));

    assertThat(probe.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probe.freshness().reason()).startsWith("cannot connect to Snowflake connection 'sf'")
        .doesNotContain("s3cret");
  }

  @Test
  void aDeltaConnectionsAllowedRootsRefuseALocationOutsideThemAndLetOneInsideBeRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String root = dir.resolve("allowed").toString();
    WarehouseActivities activities = WarehouseWiring.activities(Map.of("lake", new WorkerConfig.Warehouse("delta", null, null,
        null, null, Duration.ofSeconds(30), Map.of(), List.of(root))), new ConfigLoader(Map.of()), new FreshnessAssessor(),
        Duration.ofMinutes(5));
    String outside = dir.resolve("elsewhere/orders").toString();
    String inside = dir.resolve("allowed/orders").toString();

    var refused = activities.probe(new ProbeInput(delta(outside), Instant.parse("2024-06-10T12:00:00Z"), List.of()));
    var read = activities.probe(new ProbeInput(delta(inside), Instant.parse("2024-06-10T12:00:00Z"), List.of()));

    assertThat(refused.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(refused.freshness().reason()).isEqualTo("spec.output.location '" + outside
        + "' is not under an allowed root of warehouse connection 'lake' (allowed_roots: " + root + ")");
    // Inside the root the table is looked for, and there is none yet.
    assertThat(read.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(read.freshness().reason()).contains(inside).doesNotContain("allowed root");
  }

  private static ProductSpec delta(String location) {
    return new ProductSpec(new ProductId("orders", "orders-daily"), "orders-platform-team", null, "orders",
        new OutputSpec(OutputFormat.DELTA, location, null, null, null, null, null, null, "lake"), List.of(), null,
        List.of(), null, null, null);
  }
}
