package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.WarehouseConnections;
import io.meshwatch.workflows.activities.EvaluateInput;
import io.meshwatch.workflows.activities.EvaluateOutput;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.activities.ProbeOutput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarehouseActivitiesImplTest {

  private final RecordingFreshnessPolicy policy = new RecordingFreshnessPolicy();
  private final WarehouseActivitiesImpl activities = new WarehouseActivitiesImpl(new WarehouseConnections(List.of()),
      policy);

  @Test
  void aProductWithoutAConfiguredConnectionGivesErrorsWithoutAQueryRatherThanACrash() {
    ProductSpec spec = OrdersFixture.spec(OutputFormat.SNOWFLAKE, null, "orders_daily",
        OrdersFixture.quality("updated_at", null, null));

    EvaluateOutput evaluated = activities.evaluate(new EvaluateInput(spec, OrdersFixture.SCHEDULED, null));
    ProbeOutput probed = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));

    assertThat(evaluated.results()).hasSize(16).allSatisfy(result -> {
      assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(result.message()).isEqualTo("no warehouse connection named 'default' is configured (format snowflake)");
    });
    assertThat(evaluated.results()).extracting(CheckResult::checkId).first().isEqualTo("schema");
    assertThat(evaluated.queries()).isZero();
    assertThat(probed.dataVersion()).isNull();
    assertThat(probed.freshness().outcome()).isEqualTo(Outcome.ERROR);
    assertThat(probed.freshness().reason()).startsWith("no warehouse connection named 'default'");
    assertThat(policy.seen).isEmpty();
  }

  @Test
  void aMissingConnectionIsAnError() {
    ProductSpec spec = OrdersFixture.spec(OutputFormat.POSTGRES, "warehouse", "orders",
        OrdersFixture.quality(null, null, null));

    EvaluateOutput evaluated = activities.evaluate(new EvaluateInput(spec, OrdersFixture.SCHEDULED, null));

    assertThat(evaluated.results()).allSatisfy(result -> {
      assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(result.message()).isEqualTo("no warehouse connection named 'warehouse' is configured (format postgres)");
    });
  }
}
