package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.activities.expr.ExpressionParser;
import io.meshwatch.workflows.model.AlertsSpec;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.EscalationSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import io.meshwatch.workflows.model.QualitySpec;
import io.meshwatch.workflows.model.Severity;
import io.meshwatch.workflows.model.SlaSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Open Data Contract Standard v3 contracts, mapped to specs and validated like them. */
class OdcsImportTest {

  private final SpecLoader loader = new SpecLoader(new ExpressionParser());

  static Path contract() throws Exception {
    return Path.of(OdcsImportTest.class.getResource("/specs/odcs/orders-daily.odcs.yaml").toURI());
  }

  static String text() throws Exception {
    return Files.readString(contract());
  }

  private SpecResult load(String text) {
    return loader.load("contract.yaml", text);
  }

  private static List<String> rendered(SpecResult result) {
    return result.problems().stream().map(SpecProblem::render).toList();
  }

  @Test
  void aRealisticContractMapsToTheExpectedSpec() throws Exception {
    SpecResult result = loader.loadFile(contract());

    assertThat(result).as(String.join("\n", result.report())).isInstanceOf(SpecResult.Valid.class);
    ProductSpec spec = ((SpecResult.Valid) result).spec();
    assertThat(spec).isEqualTo(new ProductSpec(
        new ProductId("orders", "orders-daily"),
        "orders-platform-team",
        "jane.smith@company.com",
        "Daily aggregate of all completed orders, one row per order per day.\nUsage: Revenue reporting and churn features.\n"
            + "Limitations: Cancelled orders are excluded.",
        new OutputSpec(OutputFormat.SNOWFLAKE, null, null, "ANALYTICS", "ORDERS", "ORDERS_DAILY", null, null, "snowflake-prod"),
        List.of(
            new ColumnSpec("order_id", "varchar(36)", false, false, null),
            new ColumnSpec("customer_id", "varchar(64)", false, true, PiiHandling.HASHED),
            new ColumnSpec("order_date", "date", false, false, null),
            new ColumnSpec("revenue_usd", "number(18,2)", true, false, null),
            new ColumnSpec("currency", "string", true, false, null),
            new ColumnSpec("loaded_at", "timestamp_ntz", false, false, null)),
        new QualitySpec(2.0, 0.999, List.of(
            new CustomCheckSpec("count_order_id_minus_count_distinct_order_id_eq_0",
                "count(\"order_id\") - count(distinct \"order_id\") = 0", Severity.FAIL, 0),
            new CustomCheckSpec("count_all_minus_count_customer_id_eq_0", "count(*) - count(\"customer_id\") = 0", Severity.FAIL, 0),
            new CustomCheckSpec("no_negative_revenue", "sum(CASE WHEN \"revenue_usd\" < 0 THEN 1 ELSE 0 END) = 0", Severity.WARN, 0),
            new CustomCheckSpec("count_all_minus_count_revenue_usd_times_100_0_div_greatest_coun",
                "(count(*) - count(\"revenue_usd\")) * 100.0 / greatest(count(*), 1) < 1", Severity.FAIL, 0),
            new CustomCheckSpec("sum_case_when_currency_is_not_null_and_currency_not_in_usd_eur",
                "sum(CASE WHEN \"currency\" IS NOT NULL AND \"currency\" NOT IN ('USD', 'EUR', 'GBP') THEN 1 ELSE 0 END) < 10",
                Severity.FAIL, 0),
            new CustomCheckSpec("count_all_gt_0", "count(*) > 0", Severity.FAIL, 0)),
            "loaded_at", null, null),
        List.of(new ConsumerSpec("finance", "Revenue reporting"), new ConsumerSpec("ml-platform", "Churn prediction features")),
        new SlaSpec(null, "UTC", null, 0.999, List.of()),
        EscalationSpec.defaults(),
        AlertsSpec.defaults()));
  }

  @Test
  void whatCannotBeMappedIsAWarningAtItsPath() throws Exception {
    SpecResult result = loader.loadFile(contract());

    assertThat(rendered(result)).contains(
        "(document): not mapped (meshwatch has no field for them): tags, contractCreatedTs",
        "id: not mapped: kept in the registered source text only",
        "servers[0].account: not mapped: connection details belong in worker config (warehouses.snowflake-prod)",
        "servers[1]: not mapped: meshwatch monitors the production server, servers[0]",
        "schema[0].properties[1]: not mapped (meshwatch has no field for it): criticalDataElement",
        "schema[0].properties[2]: not mapped (meshwatch has no field for them): partitioned, partitionKeyPosition",
        "schema[0].quality[1]: not mapped: a text rule describes quality for people; it is not executable",
        "schema[0].quality[2]: not mapped: a custom rule runs in soda, not in meshwatch",
        "schema[1]: not mapped: a meshwatch product monitors one table, schema[0]; register this one as a product of its own",
        "slaProperties[2]: not mapped: SLA property 'retention' has no meshwatch counterpart",
        "support: not mapped: alerts go to the owning team's channel (worker config teams, or spec.alerts)",
        "customProperties[2].value: not mapped: custom property 'refRulesetName'");
    // Warnings carry the contract's own line numbers.
    assertThat(result.report()).contains(contract() + ":127: slaProperties[2]: not mapped: SLA property 'retention' has no meshwatch counterpart");
  }

  @Test
  void missingRequiredPartsAreErrorsAtTheirOdcsPaths() {
    SpecResult result = load("""
        apiVersion: v3.0.2
        kind: DataContract
        schema:
          - name: t
            properties:
              - name: email
                logicalType: string
                classification: pii
              - name: amount
        """);

    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    assertThat(rendered(result)).containsExactlyInAnyOrder(
        "name: required: meshwatch names the product after the contract (a lower-case DNS label)",
        "domain: required: the product's domain (a lower-case DNS label)",
        "team: no owner: meshwatch routes alerts to the owning team; give team.name (ODCS v3.1) or a customProperties entry"
            + " 'owner' with the team id, such as orders-platform-team",
        "servers: required: the server holding the table (snowflake, bigquery, postgres, duckdb, databricks, or delta on s3/azure)",
        "schema[0].properties[0].customProperties: column email is PII (classification 'pii'): declare how it is protected in a"
            + " custom property 'piiHandling' (hashed, masked, tokenized, encrypted or redacted)",
        "schema[0].properties[1].logicalType: required: logicalType or physicalType (the column's type)");
  }

  @Test
  void theMappedSpecIsValidatedLikeASpecWithProblemsAtTheContractsPaths() throws Exception {
    String text = text()
        .replace("name: orders-daily", "name: Orders_Daily")
        .replace("username: jane.smith@company.com", "username: jsmith")
        .replace("WHERE {property} < 0", "WHERE pg_sleep(1) = 0")
        .replace("  - property: completenessThreshold\n    value: 0.999", "  - property: completenessThreshold\n    value: 1.5");

    SpecResult result = load(text);

    assertThat(result).isInstanceOf(SpecResult.Invalid.class);
    assertThat(rendered(result)).containsExactlyInAnyOrder(
        "name: must be a lower-case DNS label (1-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit), got 'Orders_Daily'",
        "team.members[1].username: must be an e-mail address such as jane.smith@company.com, got 'jsmith'",
        "schema[0].properties[3].quality[0]: function pg_sleep is not allowed; allowed: abs, round, floor, ceil, length, lower,"
            + " upper, trim, coalesce, nullif, least, greatest; aggregates: count, sum, avg, min, max",
        "customProperties[1].value: must be in (0, 1], got 1.5");
  }

  @Test
  void unsupportedServersAndUnitsAreErrors() throws Exception {
    SpecResult kafka = load(text().replace("type: snowflake\n    environment: prod", "type: kafka\n    environment: prod"));
    assertThat(rendered(kafka)).contains("servers[0].type: meshwatch monitors snowflake, bigquery, postgres, duckdb, databricks,"
        + " and delta on s3, azure or local storage; got 'kafka'");

    SpecResult weeks = load(text().replace("    value: 2\n    unit: h", "    value: 2\n    unit: w"));
    assertThat(rendered(weeks)).contains("slaProperties[0].unit: must be a unit of time: d, h or m (days, hours, minutes), got 'w'");

    SpecResult twoProd = load(text().replace("environment: dev", "environment: prod"));
    assertThat(rendered(twoProd)).contains(
        "servers: 2 servers and 2 with environment prod or production: meshwatch monitors one; mark exactly one as production");
  }

  @Test
  void anOlderStandardIsRefusedByVersion() {
    SpecResult result = load("apiVersion: v2.2.2\nkind: DataContract\nname: x\n");

    assertThat(rendered(result)).containsExactly("apiVersion: meshwatch reads ODCS v3 contracts (v3.x.x), got 'v2.2.2'");
  }

  @Test
  void deltaOnObjectStorageAndTheOlderTeamListMap() throws Exception {
    String text = text()
        .replace("""
              - server: snowflake-prod
                type: snowflake
                environment: prod
                account: acme-eu1
                database: ANALYTICS
                schema: ORDERS
                warehouse: REPORTING_WH
            """, """
              - server: lake
                type: s3
                environment: prod
                location: s3://data-platform/products/orders/orders_daily/
                format: delta
            """)
        .replace("""
            team:
              name: orders-platform-team
              members:
            """, """
            team:
            """)
        .replace("    - username: raj", "  - username: raj").replace("      role: Data Steward\n      dateIn: \"2022-01-01\"\n      dateOut: \"2023-06-30\"",
            "    role: Data Steward\n    dateIn: \"2022-01-01\"\n    dateOut: \"2023-06-30\"")
        .replace("    - username: jane.smith@company.com\n      role: Data Steward\n      dateIn: \"2023-07-01\"",
            "  - username: jane.smith@company.com\n    role: Data Steward\n    dateIn: \"2023-07-01\"")
        .replace("    - username: ops-bot@company.com\n      role: Owner", "  - username: ops-bot@company.com\n    role: Owner")
        .replace("  - property: consumers", "  - property: owner\n    value: orders-platform-team\n  - property: consumers");

    SpecResult result = load(text);

    assertThat(result).as(String.join("\n", result.report())).isInstanceOf(SpecResult.Valid.class);
    ProductSpec spec = ((SpecResult.Valid) result).spec();
    assertThat(spec.output()).isEqualTo(new OutputSpec(OutputFormat.DELTA, "s3://data-platform/products/orders/orders_daily/",
        null, null, null, null, null, null, "lake"));
    assertThat(spec.owner()).isEqualTo("orders-platform-team");
    assertThat(spec.steward()).isEqualTo("jane.smith@company.com");
  }

  @Test
  void nativeSpecsAreNotTakenForContracts() throws Exception {
    SpecResult result = loader.loadFile(Path.of(OdcsImportTest.class.getResource("/specs/reference/orders-daily.seed.yaml").toURI()));

    assertThat(result).isInstanceOf(SpecResult.Valid.class);
    assertThat(result.problems()).isEmpty();
  }
}
