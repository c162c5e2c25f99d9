package io.meshwatch.alerts;

import static io.meshwatch.alerts.Incidents.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.alerts.console.ConsoleSink;
import io.meshwatch.alerts.outbox.InMemoryDeliveryOutbox;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.meshwatch.workflows.activities.DeliveryOutput;
import io.meshwatch.workflows.activities.MessageRef;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every sink gets every delivery; one failing sink fails the activity but does not hold the others back. */
class IncidentActivitiesImplTest {

  /** A sink that records what it got and fails while told to. */
  private static final class RecordingSink implements IncidentSink {
    private final String name;
    private final MessageRef ref;
    final List<DeliveryInput> delivered = new ArrayList<>();
    int failures;

    RecordingSink(String name, MessageRef ref) {
      this.name = name;
      this.ref = ref;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public SinkResult deliver(DeliveryInput input) {
      if (failures > 0) {
        failures--;
        throw DeliveryFailure.SLACK_UNAVAILABLE.retryable(name + " is down");
      }
      delivered.add(input);
      return new SinkResult(ref, true);
    }
  }

  @Test
  void theFirstSinksMessageIsTheIncidentsMainMessage() {
    MessageRef slack = new MessageRef("slack", "C1", "1.2");
    RecordingSink first = new RecordingSink("slack", slack);
    RecordingSink second = new RecordingSink("webhook", new MessageRef("webhook", "h", "k"));

    DeliveryOutput output = new IncidentActivitiesImpl(List.of(first, second))
        .deliver(input(DeliveryIntent.OPENED, Incidents.open(), null));

    assertThat(output.message()).isEqualTo(slack);
    assertThat(output.sent()).isTrue();
    assertThat(first.delivered).hasSize(1);
    assertThat(second.delivered).hasSize(1);
  }

  @Test
  void aFailingSinkFailsTheActivityAfterTheOthersDelivered() {
    RecordingSink slack = new RecordingSink("slack", new MessageRef("slack", "C1", "1.2"));
    RecordingSink webhook = new RecordingSink("webhook", null);
    slack.failures = 1;
    IncidentActivitiesImpl activities = new IncidentActivitiesImpl(List.of(slack, webhook));
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);

    assertThatThrownBy(() -> activities.deliver(opened))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("SLACK_UNAVAILABLE"));
    assertThat(webhook.delivered).hasSize(1);

    DeliveryOutput retried = activities.deliver(opened);
    assertThat(retried.message().sink()).isEqualTo("slack");
  }

  @Test
  void withoutAnyMessageTheGivenOneIsKept() {
    MessageRef given = new MessageRef("slack", "C1", "1.2");
    RecordingSink quiet = new RecordingSink("webhook", null);

    DeliveryOutput output = new IncidentActivitiesImpl(List.of(quiet))
        .deliver(input(DeliveryIntent.REMINDER, Incidents.open(), given));

    assertThat(output.message()).isEqualTo(given);
  }

  @Test
  void theConsolePrintsOneLinePerDeliveryAndNotAgainOnARetry() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    IncidentActivitiesImpl activities = new IncidentActivitiesImpl(List.of(new ConsoleSink(out, new InMemoryDeliveryOutbox())));
    DeliveryInput opened = input(DeliveryIntent.OPENED, Incidents.open(), null);

    DeliveryOutput first = activities.deliver(opened);
    DeliveryOutput again = activities.deliver(opened);

    assertThat(first.sent()).isTrue();
    assertThat(first.message().sink()).isEqualTo("console");
    assertThat(again.sent()).isFalse();
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("[meshwatch] OPENED sales/orders-daily is FAILING since 2026-11-21T08:00:00Z")
        .contains("owner team-orders")
        .contains("completeness: 93.00% complete, threshold 99.00%; 70 of 1,000 rows incomplete")
        .contains("consumers: finance (revenue reporting), ml (churn model)"));
  }

  @Test
  void anUnclassifiedSinkFailureBecomesARetryableActivityFailure() {
    IncidentSink broken = new IncidentSink() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public SinkResult deliver(DeliveryInput input) {
        throw new IllegalStateException("outbox unreachable");
      }
    };

    assertThatThrownBy(() -> new IncidentActivitiesImpl(List.of(broken)).deliver(input(DeliveryIntent.OPENED, Incidents.open(), null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo("SINK_FAILED");
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getOriginalMessage()).isEqualTo("OPENED delivery failed: outbox unreachable");
        });
  }

  @Test
  void noSinksIsAConfigurationError() {
    assertThatThrownBy(() -> new IncidentActivitiesImpl(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sink");
  }

  @Test
  void aBlankKeyIsRefused() {
    IncidentActivitiesImpl activities = new IncidentActivitiesImpl(List.of(new RecordingSink("x", null)));

    assertThatThrownBy(() -> activities.deliver(new DeliveryInput(" ", DeliveryIntent.OPENED, Incidents.open(), null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
  }
}
