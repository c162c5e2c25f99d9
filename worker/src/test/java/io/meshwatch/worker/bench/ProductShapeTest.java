package io.meshwatch.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductShapeTest {

  final ProductGenerator generator = new ProductGenerator();

  @Test
  void eightChecksMixEveryKind() {
    assertThat(ProductShape.of(8).checks()).extracting(ProductShape.BenchCheck::id).containsExactlyInAnyOrder(
        "not_null:order_id", "not_null:customer_id", "pii:customer_hash", "completeness",
        "custom:amount_not_negative", "custom:order_id_unique", "custom:known_status", "custom:quantity_in_range");
  }

  @Test
  void everyGeneratedSpecLoadsAndDeclaresExactlyTheRequestedDataChecks() {
    for (BenchEngine engine : BenchEngine.values()) {
      for (int checks = 1; checks <= 24; checks++) {
        ProductShape shape = ProductShape.of(checks);
        ProductSpec spec = generator.spec(shape, engine, 3, "product_003");

        List<String> planned = PerCheckQueries.dataChecks(spec).stream().map(Check::id).toList();
        assertThat(planned).as("%s with %d checks", engine, checks).hasSize(checks)
            .containsExactlyInAnyOrderElementsOf(shape.checks().stream().map(ProductShape.BenchCheck::id).toList());
        assertThat(spec.id().toString()).isEqualTo("bench/bench-product-003");
        assertThat(spec.output().format()).isEqualTo(engine.format());
        assertThat(spec.output().table()).isEqualTo("product_003");
      }
    }
  }

  @Test
  void handWrittenQueryHasTheRowCountThenOneColumnPerCheck() {
    ProductShape shape = ProductShape.of(5);

    String sql = shape.handWrittenQuery(BenchEngine.POSTGRES, "product_001");

    assertThat(sql).startsWith("SELECT count(*),").endsWith("FROM public.product_001");
    assertThat(sql.lines().count()).isEqualTo(1 + 5 + 1);
    assertThat(sql).contains("customer_hash ~ '^[0-9a-fA-F]+$' AND length(customer_hash) BETWEEN 32 AND 128")
        .doesNotContain("regexp_full_match");
    assertThat(shape.handWrittenQuery(BenchEngine.DUCKDB, "product_001")).contains("regexp_full_match");
  }

  @Test
  void checkCountsOutsideTheCatalogAreRefused() {
    assertThatThrownBy(() -> ProductShape.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProductShape.of(ProductShape.MAX_CHECKS + 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
