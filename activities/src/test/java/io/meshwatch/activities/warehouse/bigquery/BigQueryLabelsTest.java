package io.meshwatch.activities.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.warehouse.QueryTag;
import io.meshwatch.workflows.model.ProductId;
import org.junit.jupiter.api.Test;

class BigQueryLabelsTest {

  @Test
  void namesTheProductItsDomainAndThePurpose() {
    assertThat(BigQueryLabels.of(QueryTag.of(new ProductId("orders", "orders-daily")), "scan")).containsExactly(
        java.util.Map.entry("meshwatch-product", "orders_orders-daily"),
        java.util.Map.entry("meshwatch-domain", "orders"),
        java.util.Map.entry("meshwatch-purpose", "scan"));
  }

  @Test
  void valuesAreLowerCaseLettersDigitsDashesAndUnderscoresOnly() {
    assertThat(BigQueryLabels.value("Orders/Daily Revenue.v2")).isEqualTo("orders_daily_revenue_v2");
    assertThat(BigQueryLabels.value("Ünïcode")).isEqualTo("_n_code");
  }

  @Test
  void longValuesAreCutTo63CharactersAndStayDistinct() {
    String domain = "d".repeat(63);
    String first = BigQueryLabels.value(domain + "/" + "a".repeat(63));
    String second = BigQueryLabels.value(domain + "/" + "a".repeat(62) + "b");

    assertThat(first).hasSize(63).matches("[a-z0-9_-]+").startsWith(domain.substring(0, 54));
    assertThat(second).hasSize(63).isNotEqualTo(first);
    assertThat(BigQueryLabels.value("a".repeat(63))).isEqualTo("a".repeat(63));
  }
}
