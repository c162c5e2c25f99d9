package io.meshwatch.worker.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.worker.demo.DemoProducts;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernanceTest {

  /** Every policy meshwatch has, with strict parameters. */
  static final Governance ALL = new Governance(List.of(
      new Policy.StewardRequired(),
      new Policy.PiiHandlingDeclared(List.of()),
      new Policy.CustomChecksAvoidPii(),
      new Policy.AvailabilityTargetFloor(0.99),
      new Policy.ConsumersDocumented(1),
      new Policy.FreshnessSlaDeclared(24.0),
      new Policy.DescriptionRequired()));

  @Test
  void theReferenceSpecAndTheDemoProductsPassEveryPolicy() {
    assertThat(ALL.check(Specs.load(Specs.REFERENCE))).isEmpty();
    assertThat(ALL.check(Specs.resource("/specs/reference/orders-daily.seed.yaml"))).isEmpty();
    for (String name : DemoProducts.SPECS) {
      assertThat(ALL.check(Specs.load(DemoProducts.read(name)))).as(name).isEmpty();
    }
  }

  @Test
  void noPoliciesAcceptEverything() {
    ProductSpec bare = Specs.reference("  steward: jane.smith@company.com\n", "");
    assertThat(Governance.none().check(bare)).isEmpty();
    Governance.none().enforce(bare);
  }

  @Test
  void everyViolationIsReportedAtOnceWithPolicyPathAndMessage() {
    ProductSpec spec = Specs.load(Specs.REFERENCE
        .replace("  steward: jane.smith@company.com\n", "")
        .replace("  description: Daily aggregate of all completed orders.\n", "")
        .replace("    freshness_sla_hours: 2\n", "")
        .replace("\"order_count > 0\"", "\"customer_id IS NOT NULL\"")
        .replace("""
              consumers:
                - team: finance
                  use_case: "Revenue reporting"
                - team: ml-platform
                  use_case: "Churn prediction features"
            """, "")
        + "  sla:\n    availability_target: 0.95\n");

    List<PolicyViolation> violations = ALL.check(spec);

    assertThat(violations).extracting(PolicyViolation::render).containsExactly(
        "policy steward-required: metadata.steward: every product needs a steward",
        "policy custom-checks-avoid-pii: spec.quality.custom_checks[0]: check customer_id_is_not_null reads PII column customer_id",
        "policy availability-target-floor: spec.sla.availability_target: must be at least 0.99, got 0.95",
        "policy consumers-documented: spec.consumers: needs at least 1 consumer (team and use_case), got 0",
        "policy freshness-sla-declared: spec.quality.freshness_sla_hours: every product declares a freshness SLA",
        "policy description-required: spec.description: every product needs a description");
  }

  @Test
  void enforceThrowsWithEveryViolation() {
    ProductSpec spec = Specs.reference("  steward: jane.smith@company.com\n", "");
    Governance governance = new Governance(List.of(new Policy.StewardRequired(), new Policy.AvailabilityTargetFloor(0.9999)));

    assertThatThrownBy(() -> governance.enforce(spec))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
          assertThat(e.product()).hasToString("orders/orders-daily");
          assertThat(e.violations()).extracting(PolicyViolation::policy)
              .containsExactly("steward-required", "availability-target-floor");
        })
        .hasMessageContaining("policy steward-required: metadata.steward: every product needs a steward")
        .hasMessageContaining("policy availability-target-floor: spec.sla.availability_target: must be at least 0.9999, got 0.999");
  }

  @Test
  void customChecksMayNotReadPiiColumnsWhateverTheCaseOrQuoting() {
    ProductSpec spec = Specs.reference(
        "      - \"order_count > 0\"\n      - \"revenue_usd >= 0\"\n",
        "      - name: one_customer\n        expr: \"count(distinct \\\"Customer_ID\\\") >= 1\"\n"
            + "      - \"order_count > 0 AND length(CUSTOMER_ID) = 64\"\n"
            + "      - \"order_id IS NOT NULL\"\n");

    assertThat(new Policy.CustomChecksAvoidPii().check(spec)).extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("spec.quality.custom_checks[0]", "check one_customer reads PII column customer_id"),
            org.assertj.core.groups.Tuple.tuple("spec.quality.custom_checks[1]",
                "check order_count_gt_0_and_length_customer_id_eq_64 reads PII column customer_id"));
  }

  @Test
  void piiHandlingMustBeDeclaredAndAllowed() {
    ProductSpec hashed = Specs.load(Specs.REFERENCE);
    assertThat(new Policy.PiiHandlingDeclared(List.of(PiiHandling.TOKENIZED, PiiHandling.ENCRYPTED)).check(hashed))
        .extracting(PolicyViolation::render)
        .containsExactly("policy pii-handling-declared: spec.schema[1].pii_handling: "
            + "PII column customer_id is hashed; this platform allows tokenized, encrypted");
    assertThat(new Policy.PiiHandlingDeclared(List.of(PiiHandling.HASHED)).check(hashed)).isEmpty();

    // Specs built outside the loader (imports, the API) can lack a handling; the policy holds them to it.
    ProductSpec undeclared = withSchema(hashed, List.of(new ColumnSpec("email", "string", true, true, null)));
    assertThat(new Policy.PiiHandlingDeclared(List.of()).check(undeclared)).extracting(PolicyViolation::render)
        .containsExactly("policy pii-handling-declared: spec.schema[0].pii_handling: PII column email must declare how it is protected");
  }

  @Test
  void consumersNeedAUseCaseAndTheConfiguredMinimum() {
    ProductSpec spec = Specs.reference("      use_case: \"Churn prediction features\"\n", "");

    assertThat(new Policy.ConsumersDocumented(3).check(spec)).extracting(PolicyViolation::render).containsExactly(
        "policy consumers-documented: spec.consumers: needs at least 3 consumers (team and use_case), got 2",
        "policy consumers-documented: spec.consumers[1].use_case: consumer ml-platform needs a use_case");
  }

  @Test
  void freshnessSlaNoLooserThanTheMaximum() {
    ProductSpec spec = Specs.reference("freshness_sla_hours: 2", "freshness_sla_hours: 48");

    assertThat(new Policy.FreshnessSlaDeclared(24.0).check(spec)).extracting(PolicyViolation::render)
        .containsExactly("policy freshness-sla-declared: spec.quality.freshness_sla_hours: must be at most 24.0, got 48.0");
    assertThat(new Policy.FreshnessSlaDeclared(null).check(spec)).isEmpty();
  }

  @Test
  void theAvailabilityFloorCountsTheDefaultTarget() {
    ProductSpec defaulted = Specs.load(Specs.REFERENCE);
    assertThat(new Policy.AvailabilityTargetFloor(0.999).check(defaulted)).isEmpty();
    assertThat(new Policy.AvailabilityTargetFloor(0.9995).check(defaulted)).hasSize(1);
    assertThatThrownBy(() -> new Policy.AvailabilityTargetFloor(1.5)).hasMessageContaining("(0, 1]");
  }

  @Test
  void everyCatalogEntryHasAPolicyWithTheSameName() {
    assertThat(PolicyCatalog.names()).containsExactlyElementsOf(ALL.policies().stream().map(Policy::name).toList());
    assertThat(ALL.policies()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
  }

  private static ProductSpec withSchema(ProductSpec spec, List<ColumnSpec> schema) {
    return new ProductSpec(spec.id(), spec.owner(), spec.steward(), spec.description(), spec.output(), schema, spec.quality(),
        spec.consumers(), spec.sla(), spec.escalation(), spec.alerts());
  }
}
