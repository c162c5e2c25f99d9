package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * meshwatch against the real BigQuery, run only when {@code MESHWATCH_LIVE_BIGQUERY_PROJECT} names
 * a project that may run query jobs, with Application Default Credentials in the environment
 * ({@code gcloud auth application-default login}, or {@code GOOGLE_APPLICATION_CREDENTIALS}). It
 * reads Google's public sample tables: one scan of {@code samples.shakespeare} (about 6 MB, billed
 * at BigQuery's 10 MiB minimum) and one dry run of {@code samples.wikipedia}, which is refused
 * against a 10 MiB cap before it runs and bills nothing. See docs/checks.md, "BigQuery".
 */
@EnabledIfEnvironmentVariable(named = "MESHWATCH_LIVE_BIGQUERY_PROJECT", matches = ".+")
class BigQueryLiveTest {

  static final Instant NOW = Instant.now();

  static WarehouseActivitiesImpl activities(String cap) {
    Map<String, String> properties = new HashMap<>();
    properties.put("project", System.getenv("MESHWATCH_LIVE_BIGQUERY_PROJECT"));
    properties.put("location", "US");
    properties.put("maximum_bytes_billed", cap);
    ConnectionSettings settings = new ConnectionSettings("live", OutputFormat.BIGQUERY, null, null, null,
        Duration.ofMinutes(2), true, properties);
    return new WarehouseActivitiesImpl(WarehouseConnections.fromSettings(List.of(settings)),
        new RecordingFreshnessPolicy());
  }

  static ProductSpec spec(String table, List<ColumnSpec> schema, List<CustomCheckSpec> custom) {
    OutputSpec output = new OutputSpec(OutputFormat.BIGQUERY, null, null, null, null, table, "bigquery-public-data",
        "samples", "live");
    return new ProductSpec(new ProductId("samples", table.replace('_', '-')), "platform", "steward@example.com",
        "Public sample", output, schema, new QualitySpec(null, 0.99, custom, null, null, null), List.of(), null, null,
        null);
  }

  @Test
  void probesAndScansAPublicTable() {
    ProductSpec spec = spec("shakespeare",
        List.of(new ColumnSpec("word", "string", false, false, null),
            new ColumnSpec("word_count", "integer", false, false, null),
            new ColumnSpec("corpus", "string", false, false, null)),
        List.of(new CustomCheckSpec("positive_counts", "word_count > 0", Severity.FAIL, 0),
            new CustomCheckSpec("has_rows", "count(*) > 0", Severity.FAIL, 0)));
    WarehouseActivitiesImpl activities = activities("100MiB");

    ProbeOutput probe = activities.probe(new ProbeInput(spec, NOW, List.of()));
    Evaluation evaluation = activities.measure(new EvaluateInput(spec, NOW, probe.dataVersion()));

    assertThat(probe.dataVersion()).startsWith("bigquery:");
    assertThat(probe.freshness().lastUpdated()).isBefore(NOW);
    assertThat(evaluation.results()).extracting(CheckResult::outcome).containsOnly(Outcome.PASS);
    assertThat(evaluation.scans()).isEqualTo(1);
    assertThat(evaluation.rowsScanned()).isPositive();
    // A result from BigQuery's cache bills nothing; a fresh scan bills at least the 10 MiB minimum.
    assertThat(evaluation.bytesBilled() == 0 || evaluation.bytesBilled() >= 10L << 20).isTrue();
  }

  @Test
  void refusesAScanOverTheCapAfterAFreeDryRun() {
    ProductSpec spec = spec("wikipedia", List.of(new ColumnSpec("title", "string", false, false, null)), List.of());

    Evaluation evaluation = activities("10MiB").measure(new EvaluateInput(spec, NOW, null));

    assertThat(evaluation.results()).filteredOn(r -> r.checkId().startsWith("not_null"))
        .singleElement().satisfies(r -> {
          assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
          assertThat(r.message()).startsWith("the scan would process").contains("maximum_bytes_billed");
        });
    assertThat(evaluation.scans()).isZero();
    assertThat(evaluation.bytesBilled()).isZero();
  }
}
