package io.meshwatch.activities.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.sql.TableName;
import io.meshwatch.activities.warehouse.ResolvedTable;
import io.meshwatch.activities.warehouse.TableColumn;
import io.meshwatch.workflows.model.Check;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaConformanceTest {

  private static final ResolvedTable TABLE = new ResolvedTable(new TableName(null, "public", "orders"), List.of(
      new TableColumn("order_id", "character varying(64)"),
      new TableColumn("qty", "NUMBER(38,0)"),
      new TableColumn("amount", "integer"),
      new TableColumn("created_at", "timestamp with time zone"),
      new TableColumn("Country", "text"),
      new TableColumn("payload", "jsonb"),
      new TableColumn("extra", "boolean")));

  private static ColumnSpec column(String name, String type) {
    return new ColumnSpec(name, type, true, false, null);
  }

  @Test
  void acceptsCompatibleFamiliesLeniently() {
    CheckResult result = SchemaConformance.evaluate(new Check.SchemaConformance(List.of(
        column("order_id", "string"),
        column("qty", "integer"),
        column("amount", "decimal(12,2)"),
        column("created_at", "timestamp"),
        column("country", "string"),
        column("payload", "jsonb"))), TABLE);

    assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    assertThat(result.violations()).isZero();
    assertThat(result.message()).isNull();
  }

  @Test
  void failsNamingMissingAndIncompatibleColumns() {
    CheckResult result = SchemaConformance.evaluate(new Check.SchemaConformance(List.of(
        column("order_id", "integer"),
        column("customer_id", "string"),
        column("extra", "boolean"))), TABLE);

    assertThat(result).extracting(CheckResult::outcome, CheckResult::violations, CheckResult::observed,
        CheckResult::threshold).containsExactly(Outcome.FAIL, 2L, 1.0, 3.0);
    assertThat(result.message()).isEqualTo("2 of 3 declared columns of public.orders do not conform:"
        + " order_id is declared integer but the table has character varying(64); customer_id is missing");
  }

  @Test
  void leavesTypesOutsideTheFamiliesUncomparedButStillRequiresTheColumn() {
    CheckResult result = SchemaConformance.evaluate(new Check.SchemaConformance(List.of(
        column("payload", "json"))), TABLE);

    assertThat(result.outcome()).isEqualTo(Outcome.PASS);
    assertThat(result.message()).isEqualTo("types not compared: payload (json vs jsonb)");
  }
}
