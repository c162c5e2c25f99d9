package io.meshwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwatch.alerts.console.ConsoleAlertSink;
import io.meshwatch.workflows.activities.AlertKind;
import io.meshwatch.workflows.activities.NotifyInput;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.FreshnessAssessment;
import io.meshwatch.workflows.model.Outcome;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTextTest {

  static final Instant SINCE = Instant.parse("2026-07-01T08:00:00Z");
  static final ProductId ID = new ProductId("payments", "payments-settled");

  static NotifyInput breach(String key) {
    return new NotifyInput(key, AlertKind.BREACH, ID, "payments-team", "sam@company.com",
        List.of(new ConsumerSpec("finance", "Revenue reporting"), new ConsumerSpec("risk", null)),
        ProductState.FAILING, SINCE, SINCE,
        new FreshnessAssessment(Outcome.PASS, SINCE, null, null, null, null, null),
        List.of(
            new CheckResult("custom:amount_gte_0", CheckKind.CUSTOM, Outcome.FAIL, null, null, 3L, 1200L, null),
            new CheckResult("pii:card_holder", CheckKind.PII_HANDLING, Outcome.FAIL, null, null, 40L, 1200L,
                "values do not look hashed (hex digest expected)"),
            new CheckResult("completeness", CheckKind.COMPLETENESS, Outcome.FAIL, 0.95, 0.999, 60L, 1200L, null)));
  }

  @Test
  void breachNamesEveryFailingCheckWithAggregatesOwnerStewardAndConsumers() {
    String text = AlertText.render(breach("k1"));
    assertThat(text)
        .contains("BREACH payments/payments-settled is FAILING since 2026-07-01T08:00:00Z")
        .contains("owner: payments-team", "steward: sam@company.com")
        .contains("custom:amount_gte_0: FAIL — 3 of 1,200 rows violate")
        .contains("pii:card_holder: FAIL — values do not look hashed (hex digest expected)")
        .contains("completeness 0.9500, threshold 0.999")
        .contains("consumers: finance (Revenue reporting), risk");
  }

  @Test
  void recoveryTellsHowLongTheBreachLasted() {
    NotifyInput recovered = new NotifyInput("k2", AlertKind.RECOVERED, ID, "payments-team", null, List.of(),
        ProductState.HEALTHY, Instant.parse("2026-07-01T10:13:00Z"), SINCE, null, List.of());
    assertThat(AlertText.render(recovered))
        .isEqualTo("[meshwatch] RECOVERED payments/payments-settled is healthy again after 2h 13m (breach since 2026-07-01T08:00:00Z)\n");
  }

  @Test
  void aRetriedAlertIsPrintedOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AlertActivitiesImpl activities = new AlertActivitiesImpl(List.of(new ConsoleAlertSink(new PrintStream(bytes, true, StandardCharsets.UTF_8))));
    assertThat(activities.notify(breach("same")).delivered()).isTrue();
    assertThat(activities.notify(breach("same")).delivered()).isFalse();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.split("\\[meshwatch\\] BREACH", -1)).hasSize(2);
  }
}
