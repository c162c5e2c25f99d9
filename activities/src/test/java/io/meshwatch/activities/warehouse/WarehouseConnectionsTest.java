package io.meshwatch.activities.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarehouseConnectionsTest {

  private final WarehouseConnections connections = WarehouseConnections.fromSettings(List.of(
      ConnectionSettings.of("default", OutputFormat.DUCKDB, "jdbc:duckdb:/nowhere/demo.duckdb", null, null),
      ConnectionSettings.of("analytics", OutputFormat.POSTGRES, "jdbc:postgresql://db.invalid/analytics", "reader",
          "s3cret"),
      new ConnectionSettings("gcp", OutputFormat.BIGQUERY, null, null, null, null, true,
          Map.of("project", "billing-project", "credentials", "none"))));

  private static OutputSpec output(OutputFormat format, String connection, String table) {
    return new OutputSpec(format, null, null, "db", "sch", table, null, null, connection);
  }

  @Test
  void picksTheNamedConnectionOrTheDefault() {
    assertThat(connections.target(output(OutputFormat.DUCKDB, null, "orders")))
        .isInstanceOfSatisfying(WarehouseTarget.Reachable.class, target -> {
          assertThat(target.connection()).isEqualTo("default");
          assertThat(target.table().display()).isEqualTo("db.sch.orders");
        });
    assertThat(connections.target(output(OutputFormat.POSTGRES, "analytics", "orders")))
        .isInstanceOfSatisfying(WarehouseTarget.Reachable.class,
            target -> assertThat(target.connection()).isEqualTo("analytics"));
  }

  @Test
  void bigQueryTablesAreNamedByProjectDatasetAndTable() {
    OutputSpec withProject = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, "orders", "data-project",
        "sales", "gcp");
    assertThat(connections.target(withProject))
        .isInstanceOfSatisfying(WarehouseTarget.Reachable.class, target -> {
          assertThat(target.table()).isEqualTo(new io.meshwatch.activities.sql.TableName("data-project", "sales", "orders"));
          assertThat(target.client().dialect()).isEqualTo(io.meshwatch.activities.sql.Dialect.BIGQUERY);
        });
    // Without a project the client uses its connection's.
    OutputSpec withoutProject = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, "orders", null, "sales",
        "gcp");
    assertThat(connections.target(withoutProject))
        .isInstanceOfSatisfying(WarehouseTarget.Reachable.class,
            target -> assertThat(target.table().display()).isEqualTo("sales.orders"));
    OutputSpec noDataset = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, "orders", null, null, "gcp");
    assertThat(connections.target(noDataset))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.dataset is not set"));
    OutputSpec noConnection = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, "orders", null, "sales",
        "warehouse");
    assertThat(connections.target(noConnection))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR,
            "no warehouse connection named 'warehouse' is configured (format bigquery)"));
  }

  @Test
  void aMisconfiguredBigQueryConnectionIsRefusedWithEveryProblem() {
    assertThatThrownBy(() -> WarehouseConnections.fromSettings(List.of(new ConnectionSettings("gcp", OutputFormat.BIGQUERY,
        "ftp://bq.example", null, null, null, true, Map.of("maximum_bytes_billed", "lots", "projekt", "p")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("warehouse connection 'gcp': ")
        .hasMessageContaining("properties.projekt: not a BigQuery setting")
        .hasMessageContaining("properties.project: required")
        .hasMessageContaining("properties.maximum_bytes_billed: 'lots' is not an amount of bytes")
        .hasMessageContaining("url: a BigQuery endpoint is an http or https URL");
  }

  @Test
  void configurationMistakesAreErrors() {
    assertThat(connections.target(output(OutputFormat.POSTGRES, "missing", "orders")))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR,
            "no warehouse connection named 'missing' is configured (format postgres)"));
    assertThat(connections.target(output(OutputFormat.POSTGRES, "default", "orders")))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR,
            "warehouse connection 'default' is a duckdb connection, but the product's format is postgres"));
    assertThat(connections.target(output(OutputFormat.SNOWFLAKE, "warehouse", "orders")))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR,
            "no warehouse connection named 'warehouse' is configured (format snowflake)"));
    assertThat(connections.target(output(OutputFormat.DUCKDB, null, null)))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.table is not set"));
  }

  @Test
  void refusesDuplicateNames() {
    ConnectionSettings one = ConnectionSettings.of("x", OutputFormat.DUCKDB, "jdbc:duckdb:", null, null);
    assertThatThrownBy(() -> WarehouseConnections.fromSettings(List.of(one, one)))
        .hasMessage("warehouse connection 'x' is configured twice");
  }

  @Test
  void aDeltaTableIsNamedByItsLocationAndNeedsNoConfiguredConnection() {
    OutputSpec local = new OutputSpec(OutputFormat.DELTA, "/data/orders", null, null, null, null, null, null, null);

    // "default" here is a DuckDB connection: a Delta product without a connection gets the built-in one.
    assertThat(connections.target(local)).isInstanceOfSatisfying(WarehouseTarget.Reachable.class, target -> {
      assertThat(target.connection()).isEqualTo("default");
      assertThat(target.table()).isEqualTo(new io.meshwatch.activities.sql.TableName(null, null, "/data/orders"));
      assertThat(target.client().dialect()).isEqualTo(io.meshwatch.activities.sql.Dialect.DUCKDB);
    });
    WarehouseConnections withLake = WarehouseConnections.fromSettings(List.of(
        ConnectionSettings.of("lake", OutputFormat.DELTA, null, null, null)));
    assertThat(withLake.target(new OutputSpec(OutputFormat.DELTA, "s3://bucket/orders", null, null, null, null, null,
        null, "lake"))).isInstanceOfSatisfying(WarehouseTarget.Reachable.class,
            target -> assertThat(target.connection()).isEqualTo("lake"));
  }

  @Test
  void aNamedDeltaConnectionMustExistAndALocationMustBeGiven() {
    assertThat(connections.target(new OutputSpec(OutputFormat.DELTA, "/data/orders", null, null, null, null, null, null,
        "lake"))).isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR,
            "no warehouse connection named 'lake' is configured (format delta)"));
    assertThat(connections.target(new OutputSpec(OutputFormat.DELTA, null, null, null, null, "orders", null, null,
        null))).isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.location is not set"));
  }

  @Test
  void buildsASnowflakeClientWithoutConnecting() {
    WarehouseConnections snowflake = WarehouseConnections.fromSettings(List.of(ConnectionSettings.of("sf",
        OutputFormat.SNOWFLAKE, "jdbc:snowflake://account.invalid/", "meshwatch", "s3cret")));

    assertThat(snowflake.target(output(OutputFormat.SNOWFLAKE, "sf", "orders")))
        .isInstanceOfSatisfying(WarehouseTarget.Reachable.class,
            target -> assertThat(target.client().dialect()).isEqualTo(io.meshwatch.activities.sql.Dialect.SNOWFLAKE));
  }

  @Test
  void settingsNeverShowThePasswordOrTheUrl() {
    ConnectionSettings settings = ConnectionSettings.of("analytics", OutputFormat.POSTGRES,
        "jdbc:postgresql://db/analytics?password=inurl", "reader", "s3cret");

    assertThat(settings.toString()).contains("analytics").doesNotContain("s3cret").doesNotContain("inurl");
  }

  @Test
  void aDeltaConnectionWithAllowedRootsReadsOnlyUnderThemAndTheBuiltInOneIsOff() {
    WarehouseConnections restricted = WarehouseConnections.fromSettings(
        List.of(ConnectionSettings.of("lake", OutputFormat.DELTA, null, null, null)),
        Map.of("lake", new io.meshwatch.activities.warehouse.delta.DeltaRoots(List.of("/data/lake", "s3://bucket/curated/"))));
    for (String inside : List.of("/data/lake", "/data/lake/orders", "/data//lake/./orders", "file:///data/lake/orders",
        "s3://bucket/curated/orders", "S3://bucket/curated")) {
      assertThat(restricted.target(delta(inside, "lake"))).as(inside).isInstanceOf(WarehouseTarget.Reachable.class);
    }
    for (String outside : List.of("/data/lakehouse/orders", "/data", "lake/orders", "file:///data/lakehouse",
        "s3://bucket/curated-raw/orders", "s3://other/curated/orders", "gs://bucket/curated/orders")) {
      assertThat(restricted.target(delta(outside, "lake"))).as(outside)
          .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.location '" + outside
              + "' is not under an allowed root of warehouse connection 'lake' (allowed_roots: /data/lake, s3://bucket/curated/)"));
    }
    // Leaving out the connection would fall back to the built-in Delta connection, which no allow-list restricts.
    assertThat(restricted.target(delta("/anywhere/orders", null)))
        .isEqualTo(new WarehouseTarget.Unavailable(Outcome.ERROR, "spec.output.connection is required: Delta connections are"
            + " restricted to allowed_roots, so the built-in Delta connection is off"));
  }

  private static OutputSpec delta(String location, String connection) {
    return new OutputSpec(OutputFormat.DELTA, location, null, null, null, null, null, null, connection);
  }
}
