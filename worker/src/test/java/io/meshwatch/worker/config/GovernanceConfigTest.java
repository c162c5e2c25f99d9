package io.meshwatch.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.worker.governance.Policy;
import io.meshwatch.workflows.model.PiiHandling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance.policies} in the worker config. */
class GovernanceConfigTest {

  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("worker.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void noPoliciesByDefault() throws Exception {
    assertThat(new ConfigLoader(Map.of()).defaults().governance().policies()).isEmpty();
  }

  @Test
  void namesAndMappingsWithParametersAreRead() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of()).load(file("""
        governance:
          policies:
            - steward-required
            - pii-handling-declared
            - custom-checks-avoid-pii
            - name: availability-target-floor
              min: 0.99
            - consumers-documented
            - {name: freshness-sla-declared, max_hours: 24}
        """));

    assertThat(config.governance().policies()).containsExactly(
        new Policy.StewardRequired(),
        new Policy.PiiHandlingDeclared(java.util.List.of()),
        new Policy.CustomChecksAvoidPii(),
        new Policy.AvailabilityTargetFloor(0.99),
        new Policy.ConsumersDocumented(1),
        new Policy.FreshnessSlaDeclared(24.0));
  }

  @Test
  void unknownNamesAndBadParametersAreProblemsWithPathsAndSuggestions() throws Exception {
    Path file = file("""
        governance:
          policies:
            - steward-requried
            - availability-target-floor
            - name: availability-target-floor
              mni: 0.99
            - name: consumers-documented
              min: 0
            - name: pii-handling-declared
              allowed: [hashed, masekd]
            - name: custom-checks-avoid-pii
              strict: true
            - no-such-policy-at-all
            - 42
            - steward-required
            - steward-required
        """);

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
            "governance.policies[0]: unknown policy 'steward-requried'; did you mean 'steward-required'?",
            "governance.policies[1]: availability-target-floor needs min: write {name: availability-target-floor, min: ...}",
            "governance.policies[2].mni: unknown parameter of availability-target-floor; did you mean 'min'?",
            "governance.policies[2].min: required by availability-target-floor: the lowest acceptable spec.sla.availability_target, in (0, 1]",
            "governance.policies[3].min: must be a whole number of at least 1, got 0",
            "governance.policies[4].allowed[1]: must be one of hashed, masked, tokenized, encrypted, redacted, got 'masekd'; did you mean 'masked'?",
            "governance.policies[5].strict: unknown parameter: custom-checks-avoid-pii takes none",
            "governance.policies[6]: unknown policy 'no-such-policy-at-all'; known: steward-required, pii-handling-declared, "
                + "custom-checks-avoid-pii, availability-target-floor, consumers-documented, freshness-sla-declared, description-required",
            "governance.policies[7]: must be a policy name or a mapping with name and parameters",
            "governance.policies[9]: steward-required is already configured at governance.policies[8]"));
  }

  @Test
  void aFloorOutsideTheUnitIntervalIsAProblem() throws Exception {
    Path file = file("governance:\n  policies:\n    - {name: availability-target-floor, min: 99.9}\n");

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
            .containsExactly("governance.policies[0].min: must be in (0, 1], got 99.9"));
  }

  @Test
  void aTypoInTheSectionGetsADidYouMean() throws Exception {
    Path file = file("governance:\n  polices: [steward-required]\n");

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
            .containsExactly("governance.polices: unknown key; did you mean 'policies'?"));
  }

  @Test
  void theEnvironmentOverrideTakesTheSameListInFlowForm() throws Exception {
    WorkerConfig config = new ConfigLoader(Map.of("MESHWATCH_GOVERNANCE_POLICIES",
        "steward-required, {name: pii-handling-declared, allowed: [tokenized]}, {name: availability-target-floor, min: 0.995}"))
        .load(file("governance:\n  policies: [description-required]\n"));

    assertThat(config.governance().policies()).containsExactly(
        new Policy.StewardRequired(),
        new Policy.PiiHandlingDeclared(java.util.List.of(PiiHandling.TOKENIZED)),
        new Policy.AvailabilityTargetFloor(0.995));
  }

  @Test
  void theOldConstructorArityStillBuildsAConfigWithoutPolicies() throws Exception {
    WorkerConfig defaults = new ConfigLoader(Map.of()).defaults();
    WorkerConfig rebuilt = new WorkerConfig(defaults.temporal(), defaults.store(), defaults.warehouses(), defaults.teams(),
        defaults.http(), defaults.monitor(), defaults.alerts(), defaults.slack(), defaults.links(), defaults.escalation());

    assertThat(rebuilt.governance().policies()).isEmpty();
    assertThat(rebuilt).isEqualTo(defaults);
  }
}
