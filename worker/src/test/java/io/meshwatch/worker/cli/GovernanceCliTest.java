package io.meshwatch.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwatch validate --config} and {@code meshwatch policies}, offline. */
class GovernanceCliTest {

  @TempDir Path dir;
  Path config;
  Path reference;
  Path noSteward;

  @BeforeEach
  void files() throws Exception {
    config = dir.resolve("worker.yaml");
    Files.writeString(config, """
        governance:
          policies:
            - steward-required
            - custom-checks-avoid-pii
            - name: availability-target-floor
              min: 0.99
        """);
    reference = Path.of(GovernanceCliTest.class.getResource("/specs/reference/orders-daily.seed.yaml").toURI());
    String text = Files.readString(reference);
    noSteward = dir.resolve("no-steward.yaml");
    Files.writeString(noSteward, text.replace("  steward: jane.smith@company.com\n", "")
        .replace("\"order_count > 0\"", "\"customer_id IS NOT NULL\""));
  }

  @Test
  void validateWithAConfigAppliesItsPoliciesWithFileAndPath() {
    Cli run = Cli.run(new ValidateCommand(Map.of()), "--config", config.toString(), reference.toString(), noSteward.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(reference + ": ok (orders/orders-daily)")
        .contains("2 spec(s), 1 invalid (3 governance policies applied)");
    assertThat(run.err()).isEqualTo(
        noSteward + ": policy steward-required: metadata.steward: every product needs a steward\n"
            + noSteward + ": policy custom-checks-avoid-pii: spec.quality.custom_checks[0]: "
            + "check customer_id_is_not_null reads PII column customer_id\n");
  }

  @Test
  void validateWithoutAConfigChecksTheSpecOnly() {
    Cli run = Cli.run(new ValidateCommand(Map.of()), noSteward.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(noSteward + ": ok (orders/orders-daily)").contains("1 spec(s), 0 invalid\n");
  }

  @Test
  void validateWithABadConfigSaysWhyAndExits2() throws Exception {
    Files.writeString(config, "governance:\n  policies: [steward-requried]\n");

    Cli run = Cli.run(new ValidateCommand(Map.of()), "--config", config.toString(), reference.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("governance.policies[0]: unknown policy 'steward-requried'; did you mean 'steward-required'?");
  }

  @Test
  void policiesListsTheConfiguredOnesWithDescriptionsAndParameters() {
    Cli run = Cli.run(new PoliciesCommand(Map.of()), "--config", config.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("""
        steward-required: every product names a steward (metadata.steward), who is escalated to after the owner
        custom-checks-avoid-pii: custom checks do not read pii: true columns (their results and samples reach alert channels)
        availability-target-floor: the availability target (spec.sla.availability_target, default 0.999) is at least 0.99
          min: 0.99
        """);
  }

  @Test
  void policiesAsJson() throws Exception {
    Cli run = Cli.run(new PoliciesCommand(Map.of()), "--config", config.toString(), "-o", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = WorkerApi.json().readTree(run.out());
    assertThat(json.get("policies")).hasSize(3);
    assertThat(json.at("/policies/2/name").asText()).isEqualTo("availability-target-floor");
    assertThat(json.at("/policies/2/parameters/min").asDouble()).isEqualTo(0.99);
    assertThat(json.at("/policies/0/description").asText()).startsWith("every product names a steward");
  }

  @Test
  void policiesWithoutAConfigUsesTheDefaultsAndItsEnvironmentOverride() {
    assertThat(Cli.run(new PoliciesCommand(Map.of())).out())
        .isEqualTo("no governance policies configured (governance.policies is empty): every valid spec is accepted\n");
    assertThat(Cli.run(new PoliciesCommand(Map.of("MESHWATCH_GOVERNANCE_POLICIES", "description-required"))).out())
        .isEqualTo("description-required: every product has a description (spec.description)\n");
  }

  @Test
  void availableListsEveryKnownPolicyAndItsParameters() {
    Cli run = Cli.run(new PoliciesCommand(Map.of()), "--available");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("pii-handling-declared: every pii: true column declares its pii_handling\n"
        + "  allowed: optional: the handlings this platform accepts")
        .contains("availability-target-floor: the availability target is at least a floor\n  min: required:");
  }

  @Test
  void validateAcceptsAnOdcsContractAndHoldsItToThePolicies() throws Exception {
    Path contract = Path.of(GovernanceCliTest.class.getResource("/specs/odcs/orders-daily.odcs.yaml").toURI());

    Cli plain = Cli.run(new ValidateCommand(Map.of()), contract.toString());
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.out()).contains(contract + ": ok (orders/orders-daily)")
        .contains("warning: " + contract + ":5: id: not mapped: kept in the registered source text only")
        .contains("1 spec(s), 0 invalid\n");

    // The contract's null check on customer_id reads a PII column: the platform's policy refuses it.
    Cli governed = Cli.run(new ValidateCommand(Map.of()), "--config", config.toString(), contract.toString());
    assertThat(governed.exit()).isEqualTo(1);
    assertThat(governed.err()).isEqualTo(contract + ": policy custom-checks-avoid-pii: spec.quality.custom_checks[1]: "
        + "check count_all_minus_count_customer_id_eq_0 reads PII column customer_id\n");
  }
}
