package io.meshwatch.activities.warehouse.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.meshwatch.activities.warehouse.ConnectionSettings;
import io.meshwatch.activities.warehouse.QueryContext;
import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.activities.warehouse.SharedPostgres;
import io.meshwatch.activities.warehouse.StatementKind;
import io.meshwatch.activities.warehouse.StatementTally;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.ProductId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresWarehouseClientTest {

  private final PostgresWarehouseClient client = PostgresWarehouseClient.open(ConnectionSettings.of("pg",
      OutputFormat.POSTGRES, "jdbc:postgresql://localhost:" + SharedPostgres.instance().getPort() + "/postgres",
      "postgres", null).withStatementTimeout(Duration.ofMillis(1500)));

  @Test
  void everyCallIsAReadOnlyTransactionWithTheTagAndTheTimeout() throws Exception {
    StatementTally tally = new StatementTally();
    QueryContext context = new QueryContext(QueryTag.of(new ProductId("orders", "orders-daily")), tally);

    Throwable write = client.inReadOnlyTransaction(context, handle -> {
      assertThat(handle.createQuery("SELECT current_setting('application_name')").mapTo(String.class).one())
          .isEqualTo("meshwatch:orders/orders-daily");
      assertThat(handle.createQuery("SELECT current_setting('transaction_read_only')").mapTo(String.class).one())
          .isEqualTo("on");
      assertThat(handle.createQuery("SELECT current_setting('statement_timeout')").mapTo(String.class).one())
          .isEqualTo("1500ms");
      return catchThrowable(() -> handle.execute("CREATE TABLE meshwatch_must_not_write (x int)"));
    });

    assertThat(write).hasMessageContaining("read-only transaction");
    assertThat(tally.count(StatementKind.SESSION)).isEqualTo(2);
  }

  @Test
  void theTagIsLocalToTheTransaction() throws Exception {
    QueryContext context = new QueryContext(new QueryTag("meshwatch:a/b"), new StatementTally());
    client.inReadOnlyTransaction(context, handle -> null);

    String after = client.inReadOnlyTransaction(new QueryContext(new QueryTag("meshwatch:c/d"), new StatementTally()),
        handle -> handle.createQuery("SELECT current_setting('application_name')").mapTo(String.class).one());
    assertThat(after).isEqualTo("meshwatch:c/d");
  }
}
