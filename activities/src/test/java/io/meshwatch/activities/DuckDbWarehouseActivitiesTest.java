package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseActivitiesTest extends WarehouseActivitiesContract {

  @TempDir
  static Path directory;

  private static DuckDbEngine engine;

  @Override
  WarehouseEngine engine() {
    if (engine == null) {
      engine = new DuckDbEngine(directory);
    }
    return engine;
  }

  @Test
  void aScanPastItsTimeoutIsCancelledAndErrorsTheScanChecks() {
    engine().write("CREATE OR REPLACE TABLE big AS"
        + " SELECT i AS id, md5(CAST(i AS VARCHAR)) AS h FROM range(1000000) t(i)");
    ProductSpec spec = new ProductSpec(new ProductId("orders", "big"), "team", null, null,
        new OutputSpec(OutputFormat.DUCKDB, null, null, null, null, "big", null, null, CONNECTION),
        List.of(new ColumnSpec("id", "bigint", false, false, null),
            new ColumnSpec("h", "string", true, true, PiiHandling.HASHED)),
        new QualitySpec(null, 1.0, List.of(new CustomCheckSpec("long", "length(lower(h)) = 32", Severity.FAIL, 0)),
            null, null, null),
        null, null, null, null);
    ConnectionSettings settings = engine().settings(CONNECTION, Duration.ofMillis(20));

    // Unbounded, this scan takes around a second; the 20 ms deadline cancels it.
    List<CheckResult> results = activities(settings).evaluate(evaluation(spec, OrdersFixture.SCHEDULED)).results();

    assertThat(results).filteredOn(c -> !c.checkId().equals("schema")).hasSize(4).allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(c.message()).contains("ran past its 20 ms timeout");
    });
  }
}
