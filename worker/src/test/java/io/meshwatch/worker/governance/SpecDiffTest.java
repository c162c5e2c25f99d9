package io.meshwatch.worker.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.ProductSpec;
import org.junit.jupiter.api.Test;

/** Every classification of {@link SpecDiff}, and the consumers it names. */
class SpecDiffTest {

  static final ProductSpec BEFORE = Specs.load(Specs.REFERENCE);

  private static SpecDiff diff(String original, String replacement) {
    return SpecDiff.between(BEFORE, Specs.reference(original, replacement));
  }

  @Test
  void theSameSpecHasNoChanges() {
    SpecDiff diff = SpecDiff.between(BEFORE, Specs.load(Specs.REFERENCE));

    assertThat(diff.empty()).isTrue();
    assertThat(diff.hasBreaking()).isFalse();
    assertThat(diff.affectedConsumers()).isEmpty();
    assertThat(diff.render()).containsExactly("orders/orders-daily: no changes");
  }

  @Test
  void removingAColumnIsBreakingAndNamesTheOldSpecsConsumers() {
    SpecDiff diff = diff(
        "    - name: customer_id\n      type: string\n      nullable: false\n      pii: true\n      pii_handling: hashed\n", "");

    assertThat(diff.changes()).extracting(SpecChange::path, SpecChange::kind, SpecChange::before, SpecChange::after)
        .containsExactly(tuple("spec.schema[customer_id]", ChangeKind.COLUMN_REMOVED, "string, not null, pii hashed", null));
    assertThat(diff.hasBreaking()).isTrue();
    assertThat(diff.affectedConsumers()).containsExactly(
        new ConsumerSpec("finance", "Revenue reporting"), new ConsumerSpec("ml-platform", "Churn prediction features"));
  }

  @Test
  void changingAColumnsTypeIsBreaking() {
    SpecDiff diff = diff("    - name: order_id\n      type: string", "    - name: order_id\n      type: bigint");

    assertThat(diff.breaking()).extracting(SpecChange::path, SpecChange::kind, SpecChange::before, SpecChange::after)
        .containsExactly(tuple("spec.schema[order_id].type", ChangeKind.COLUMN_TYPE_CHANGED, "string", "bigint"));
  }

  @Test
  void aNotNullColumnBecomingNullableIsBreakingTheReverseCompatible() {
    SpecDiff loosened = diff("      type: string\n      nullable: false\n      pii: false", "      type: string\n      nullable: true\n      pii: false");
    assertThat(loosened.changes()).extracting(SpecChange::path, SpecChange::kind, SpecChange::impact)
        .containsExactly(tuple("spec.schema[order_id].nullable", ChangeKind.COLUMN_NOW_NULLABLE, Impact.BREAKING));

    SpecDiff tightened = SpecDiff.between(Specs.load(Specs.REFERENCE.replace(
        "      type: string\n      nullable: false\n      pii: false", "      type: string\n      nullable: true\n      pii: false")), BEFORE);
    assertThat(tightened.changes()).extracting(SpecChange::kind, SpecChange::impact)
        .containsExactly(tuple(ChangeKind.COLUMN_NOW_NOT_NULL, Impact.COMPATIBLE));
    assertThat(tightened.affectedConsumers()).isEmpty();
  }

  @Test
  void aRenameIsDetectedAsOneBreakingChange() {
    SpecDiff diff = diff("    - name: order_id\n", "    - name: order_key\n");

    assertThat(diff.changes()).extracting(SpecChange::path, SpecChange::kind, SpecChange::before, SpecChange::after)
        .containsExactly(tuple("spec.schema[order_id]", ChangeKind.COLUMN_RENAMED, "order_id", "order_key"));
  }

  @Test
  void aCaseOnlyRenameIsStillARename() {
    SpecDiff diff = diff("    - name: order_id\n", "    - name: Order_ID\n");

    assertThat(diff.changes()).extracting(SpecChange::kind, SpecChange::before, SpecChange::after)
        .containsExactly(tuple(ChangeKind.COLUMN_RENAMED, "order_id", "Order_ID"));
  }

  @Test
  void piiAndPiiHandlingChangesAreBreaking() {
    SpecDiff handling = diff("pii_handling: hashed", "pii_handling: tokenized");
    assertThat(handling.breaking()).extracting(SpecChange::path, SpecChange::kind, SpecChange::before, SpecChange::after)
        .containsExactly(tuple("spec.schema[customer_id].pii_handling", ChangeKind.COLUMN_PII_HANDLING_CHANGED, "hashed", "tokenized"));

    SpecDiff pii = diff("      nullable: false\n      pii: false", "      nullable: false\n      pii: true\n      pii_handling: masked");
    assertThat(pii.breaking()).extracting(SpecChange::path, SpecChange::kind)
        .containsExactly(tuple("spec.schema[order_id].pii", ChangeKind.COLUMN_PII_CHANGED),
            tuple("spec.schema[order_id].pii_handling", ChangeKind.COLUMN_PII_HANDLING_CHANGED));
  }

  @Test
  void addingAColumnIsCompatible() {
    SpecDiff diff = diff("      pii_handling: hashed\n", "      pii_handling: hashed\n    - name: discount_usd\n      type: decimal(18,2)\n");

    assertThat(diff.changes()).extracting(SpecChange::path, SpecChange::kind, SpecChange::impact, SpecChange::after)
        .containsExactly(tuple("spec.schema[discount_usd]", ChangeKind.COLUMN_ADDED, Impact.COMPATIBLE, "decimal(18,2), nullable"));
    assertThat(diff.hasBreaking()).isFalse();
    assertThat(diff.affectedConsumers()).isEmpty();
  }

  @Test
  void reorderingColumnsIsCompatible() {
    ProductSpec reordered = Specs.load(Specs.REFERENCE
        .replace("    - name: order_id\n      type: string\n      nullable: false\n      pii: false\n", "")
        .replace("      pii_handling: hashed\n", "      pii_handling: hashed\n    - name: order_id\n      type: string\n      nullable: false\n"));

    SpecDiff diff = SpecDiff.between(BEFORE, reordered);

    assertThat(diff.changes()).extracting(SpecChange::path, SpecChange::kind)
        .containsExactlyInAnyOrder(tuple("spec.schema[order_id]", ChangeKind.COLUMN_MOVED), tuple("spec.schema[customer_id]", ChangeKind.COLUMN_MOVED));
    assertThat(diff.hasBreaking()).isFalse();
  }

  @Test
  void movingTheOutputIsBreakingWhileCatalogAndConnectionAreNot() {
    SpecDiff table = diff("    table: orders_daily", "    table: orders_daily_v2");
    assertThat(table.breaking()).extracting(SpecChange::path, SpecChange::before, SpecChange::after)
        .containsExactly(tuple("spec.output.table", "orders_daily", "orders_daily_v2"));

    SpecDiff format = SpecDiff.between(BEFORE, Specs.reference("""
            format: delta
            location: s3://data-platform/products/orders/orders_daily/
            catalog: glue
            database: domain_orders
            table: orders_daily
        """.indent(-4).indent(4), """
            format: snowflake
            database: domain_orders
            schema: public
            table: orders_daily
            connection: snowflake-prod
        """.indent(-4).indent(4)));
    assertThat(format.changes()).extracting(SpecChange::path, SpecChange::impact).containsExactly(
        tuple("spec.output.format", Impact.BREAKING),
        tuple("spec.output.location", Impact.BREAKING),
        tuple("spec.output.schema", Impact.BREAKING),
        tuple("spec.output.catalog", Impact.NON_SCHEMA),
        tuple("spec.output.connection", Impact.NON_SCHEMA));
  }

  @Test
  void descriptionQualityConsumersSlaAndOwnershipAreNonSchemaChanges() {
    ProductSpec after = Specs.load(Specs.REFERENCE
        .replace("Daily aggregate of all completed orders.", "Daily aggregate of completed orders.")
        .replace("steward: jane.smith@company.com", "steward: raj.patel@company.com")
        .replace("freshness_sla_hours: 2", "freshness_sla_hours: 4")
        .replace("- \"revenue_usd >= 0\"", "- name: positive_revenue\n        expr: \"revenue_usd > 0\"\n        severity: warn")
        .replace("use_case: \"Churn prediction features\"", "use_case: \"Churn model\"")
        + "    - team: risk\n      use_case: \"Fraud scoring\"\n  sla:\n    availability_target: 0.99\n  escalation:\n    steward_after: 15m\n");

    SpecDiff diff = SpecDiff.between(BEFORE, after);

    assertThat(diff.hasBreaking()).isFalse();
    assertThat(diff.breaking()).isEmpty();
    assertThat(diff.compatible()).isEmpty();
    assertThat(diff.nonSchema()).extracting(SpecChange::path, SpecChange::kind, SpecChange::before, SpecChange::after).containsExactly(
        tuple("metadata.steward", ChangeKind.SETTING_CHANGED, "jane.smith@company.com", "raj.patel@company.com"),
        tuple("spec.description", ChangeKind.SETTING_CHANGED, "Daily aggregate of all completed orders.", "Daily aggregate of completed orders."),
        tuple("spec.quality.freshness_sla_hours", ChangeKind.SETTING_CHANGED, "2", "4"),
        tuple("spec.quality.custom_checks[revenue_usd_ge_0]", ChangeKind.SETTING_REMOVED, "revenue_usd >= 0 (fail)", null),
        tuple("spec.consumers[ml-platform]", ChangeKind.SETTING_CHANGED, "Churn prediction features", "Churn model"),
        tuple("spec.sla.availability_target", ChangeKind.SETTING_CHANGED, "0.999", "0.99"),
        tuple("spec.quality.custom_checks[positive_revenue]", ChangeKind.SETTING_ADDED, null, "revenue_usd > 0 (warn)"),
        tuple("spec.consumers[risk]", ChangeKind.SETTING_ADDED, null, "Fraud scoring"),
        tuple("spec.escalation.steward_after", ChangeKind.SETTING_ADDED, null, "15m"));
  }

  @Test
  void anotherProductIdIsBreaking() {
    SpecDiff diff = diff("  name: orders-daily", "  name: orders-by-day");

    assertThat(diff.changes()).extracting(SpecChange::path, SpecChange::kind, SpecChange::before, SpecChange::after)
        .containsExactly(tuple("metadata", ChangeKind.PRODUCT_RENAMED, "orders/orders-daily", "orders/orders-by-day"));
  }

  @Test
  void theTextRenderingMarksBreakingChangesAndListsWhoToTell() {
    ProductSpec after = Specs.load(Specs.REFERENCE
        .replace("    - name: order_id\n      type: string", "    - name: order_id\n      type: bigint")
        .replace("      pii_handling: hashed\n", "      pii_handling: hashed\n    - name: discount_usd\n      type: decimal(18,2)\n")
        .replace("freshness_sla_hours: 2", "freshness_sla_hours: 4"));

    assertThat(SpecDiff.between(BEFORE, after).render()).containsExactly(
        "orders/orders-daily: 1 breaking, 1 compatible, 1 other change",
        "schema and output:",
        "  ~ spec.schema[order_id].type: string -> bigint  BREAKING (type changed)",
        "  + spec.schema[discount_usd]: decimal(18,2), nullable  compatible (column added)",
        "other changes (no effect on what readers read):",
        "  ~ spec.quality.freshness_sla_hours: 2 -> 4",
        "consumers affected (tell them before deploying):",
        "  finance: Revenue reporting",
        "  ml-platform: Churn prediction features");
  }
}
