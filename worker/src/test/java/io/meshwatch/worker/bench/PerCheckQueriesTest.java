package io.meshwatch.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.sql.Dialect;
import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PerCheckQueriesTest {

  static final ResolvedTable TABLE = new ResolvedTable(new TableName(null, "main", "product_000"), List.of(
      new TableColumn("order_id", "BIGINT"),
      new TableColumn("customer_id", "VARCHAR"),
      new TableColumn("customer_hash", "VARCHAR"),
      new TableColumn("status", "VARCHAR"),
      new TableColumn("quantity", "INTEGER"),
      new TableColumn("amount", "DECIMAL(12,2)"),
      new TableColumn("discount", "DECIMAL(12,2)"),
      new TableColumn("created_at", "TIMESTAMP"),
      new TableColumn("shipped_at", "TIMESTAMP")));

  @Test
  void rowChecksSelectTheirViolatingRowsAndTheOthersRunAsPlanned() {
    var spec = new ProductGenerator().spec(ProductShape.of(8), BenchEngine.DUCKDB, 0, "product_000");

    Map<String, PerCheckQuery> queries = new PerCheckQueries().render(spec, TABLE, Dialect.DUCKDB, Instant.EPOCH)
        .stream().collect(Collectors.toMap(PerCheckQuery::checkId, q -> q));

    assertThat(queries).hasSize(8);
    assertThat(queries.get("not_null:order_id").sql())
        .isEqualTo("/* meshwatch */ SELECT count(*) FROM \"main\".\"product_000\" WHERE \"order_id\" IS NULL");
    assertThat(queries.get("custom:amount_not_negative").sql())
        .startsWith("/* meshwatch */ SELECT count(*) FROM \"main\".\"product_000\" WHERE NOT ")
        .contains("\"amount\" >= 0");
    assertThat(queries.get("pii:customer_hash").sql()).contains("WHERE (\"customer_hash\" IS NOT NULL AND NOT");
    assertThat(queries.values()).filteredOn(q -> q.result() == PerCheckQuery.Result.VIOLATING_ROWS)
        .allSatisfy(q -> assertThat(q.sql()).doesNotContain("FILTER"));
    assertThat(queries.get("completeness").result()).isEqualTo(PerCheckQuery.Result.ROWS_AND_COMPLETE);
    assertThat(queries.get("custom:order_id_unique").result()).isEqualTo(PerCheckQuery.Result.ROWS_AND_TRUTH);
  }

  @Test
  void postgresConditionsKeepTheirDialect() {
    var spec = new ProductGenerator().spec(ProductShape.of(2), BenchEngine.POSTGRES, 0, "product_000");
    ResolvedTable table = new ResolvedTable(new TableName(null, "public", "product_000"), TABLE.columns());

    List<PerCheckQuery> queries = new PerCheckQueries().render(spec, table, Dialect.POSTGRES, Instant.EPOCH);

    assertThat(queries).extracting(PerCheckQuery::sql).anySatisfy(sql -> assertThat(sql)
        .startsWith("/* meshwatch */ SELECT count(*) FROM \"public\".\"product_000\" WHERE")
        .contains("BETWEEN 32 AND 128", "~ '^(?:[0-9a-fA-F]+)$'"));
  }
}
