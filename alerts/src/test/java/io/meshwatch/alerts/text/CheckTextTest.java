package io.meshwatch.alerts.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks in words, from their aggregates. */
class CheckTextTest {

  @Test
  void completenessShowsTheRatioTheThresholdAndTheRows() {
    CheckResult r = new CheckResult("completeness", CheckKind.COMPLETENESS, Outcome.FAIL, 0.9312, 0.99, 6_880L, 100_000L, "ignored");

    assertThat(CheckText.describe(r)).isEqualTo("93.12% complete, threshold 99.00%; 6,880 of 100,000 rows incomplete");
  }

  @Test
  void freshnessShowsTheAgeTheSlaAndTheDeadline() {
    CheckResult r = new CheckResult("freshness", CheckKind.FRESHNESS, Outcome.FAIL, 7.25, 6.0, null, null,
        "late since 2026-11-21T07:00:00Z (deadline 2026-11-21T07:00:00Z)");

    assertThat(CheckText.describe(r))
        .isEqualTo("data age 7.3 h, SLA 6 h after the expected refresh; late since 2026-11-21T07:00:00Z (deadline 2026-11-21T07:00:00Z)");
  }

  @Test
  void aCustomCheckSpeaksInItsOwnWordsAndFallsBackToCounts() {
    CheckResult worded = new CheckResult("custom.positive", CheckKind.CUSTOM, Outcome.FAIL, 4.0, 0.0, 4L, 50L,
        "4 of 50 rows violate amount > 0 (tolerance 0)");
    CheckResult bare = new CheckResult("custom.positive", CheckKind.CUSTOM, Outcome.FAIL, 4.0, 0.0, 4L, 50L, null);

    assertThat(CheckText.describe(worded)).isEqualTo("4 of 50 rows violate amount > 0 (tolerance 0)");
    assertThat(CheckText.describe(bare)).isEqualTo("4 of 50 rows violate");
  }

  @Test
  void aPiiCheckIsDescribedByItsCountsNeverByItsMessage() {
    CheckResult r = new CheckResult("pii.ssn", CheckKind.PII_HANDLING, Outcome.FAIL, 2.0, 0.0, 2L, 10L,
        "2 of 10 rows hold a ssn value that is not masked, such as 123-45-6789");

    assertThat(CheckText.describe(r)).isEqualTo("2 of 10 rows do not conform to the column's pii_handling");
    assertThat(CheckText.safeMessage(r)).isNull();
  }

  @Test
  void anUnmeasuredCheckSaysSo() {
    CheckResult r = new CheckResult("schema", CheckKind.SCHEMA, Outcome.ERROR, null, null, null, null, "warehouse unreachable");

    assertThat(CheckText.describe(r)).isEqualTo("could not measure: warehouse unreachable");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(HumanDuration.of(Duration.ofSeconds(20))).isEqualTo("under a minute");
    assertThat(HumanDuration.of(Duration.ofMinutes(45))).isEqualTo("45m");
    assertThat(HumanDuration.of(Duration.ofMinutes(133))).isEqualTo("2h 13m");
    assertThat(HumanDuration.of(Duration.ofHours(3))).isEqualTo("3h");
    assertThat(HumanDuration.of(Duration.ofHours(76))).isEqualTo("3d 4h");
  }
}
