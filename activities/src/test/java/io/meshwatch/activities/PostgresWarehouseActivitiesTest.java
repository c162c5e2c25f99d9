package io.meshwatch.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.SharedPostgres;
import io.meshwatch.workflows.activities.ProbeInput;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductSpec;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresWarehouseActivitiesTest extends WarehouseActivitiesContract {

  private static final PostgresEngine ENGINE = new PostgresEngine();

  @Override
  WarehouseEngine engine() {
    return ENGINE;
  }

  @Test
  void aScanBlockedPastItsTimeoutIsCancelledAndErrorsTheScanChecks() throws Exception {
    ConnectionSettings settings = engine().settings(CONNECTION, Duration.ofMillis(300));
    try (Connection locker = SharedPostgres.dataSource().getConnection(); Statement statement = locker.createStatement()) {
      locker.setAutoCommit(false);
      statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");

      List<CheckResult> results = activities(settings).evaluate(evaluation(unscopedSpec(), OrdersFixture.SCHEDULED))
          .results();

      assertThat(results).filteredOn(c -> c.outcome().measured()).extracting(CheckResult::checkId)
          .containsExactly("schema");
      assertThat(results).filteredOn(c -> c.outcome() == Outcome.ERROR).hasSize(14);
      assertThat(results).filteredOn(c -> c.message() != null && c.message().contains("ran past its 300 ms timeout"))
          .hasSize(13);
      locker.rollback();
    }
  }

  @Test
  void refusedCredentialsGiveErrorResultsWithTheReason() {
    ConnectionSettings good = engine().settings(CONNECTION, Duration.ofSeconds(5));
    ConnectionSettings wrongRole = ConnectionSettings.of(CONNECTION, OutputFormat.POSTGRES, good.jdbcUrl(),
        "no_such_role", "wrong-password");

    List<CheckResult> results = activities(wrongRole).evaluate(evaluation(unscopedSpec(), OrdersFixture.SCHEDULED))
        .results();

    assertThat(results).allSatisfy(c -> {
      assertThat(c.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(c.message()).contains("refused the credentials or the role").doesNotContain("wrong-password");
    });
  }

  @Test
  void anUpdateWithoutAFreshnessColumnStillChangesTheDataVersion() throws InterruptedException {
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = spec(OrdersFixture.quality(null, null, null));
    String first = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();
    assertThat(first).startsWith("pg:");

    engine().writeAndPublishStatistics("UPDATE " + table + " SET revenue_usd = 11.00 WHERE order_id = 'o1'");

    assertThat(awaitNewVersion(activities, spec, first).dataVersion()).isNotEqualTo(first);
  }

  @Test
  void aPartitionedTablesVersionFollowsWritesToItsPartitions() throws InterruptedException {
    String parent = table + "_p";
    engine().write(
        "CREATE TABLE " + parent + " (order_id varchar(16), day date) PARTITION BY RANGE (day)",
        "CREATE TABLE " + parent + "_2024 PARTITION OF " + parent + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "INSERT INTO " + parent + " VALUES ('o1', DATE '2024-06-10')");
    WarehouseActivitiesImpl activities = activities();
    ProductSpec spec = OrdersFixture.spec(engine().format(), CONNECTION, parent,
        OrdersFixture.quality(null, null, null));
    String first = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of())).dataVersion();

    engine().writeAndPublishStatistics("INSERT INTO " + parent + " VALUES ('o2', DATE '2024-06-11')");

    assertThat(first).startsWith("pg:");
    assertThat(awaitNewVersion(activities, spec, first).dataVersion()).isNotEqualTo(first);
  }

  @Test
  void aViewIsReadButHasNoDataVersion() {
    engine().write("CREATE VIEW " + table + "_v AS SELECT * FROM " + table);
    ProductSpec spec = OrdersFixture.spec(engine().format(), CONNECTION, table + "_v",
        OrdersFixture.quality("updated_at", null, null));
    WarehouseActivitiesImpl activities = activities();

    var probe = activities.probe(new ProbeInput(spec, OrdersFixture.SCHEDULED, List.of()));
    var results = activities.evaluate(evaluation(spec, OrdersFixture.SCHEDULED)).results();

    assertThat(probe.dataVersion()).isNull();
    assertThat(probe.freshness().lastUpdated()).isEqualTo(OrdersFixture.LATEST_UPDATE);
    assertThat(byId(results).get("completeness").observed()).isEqualTo(0.75);
  }
}
