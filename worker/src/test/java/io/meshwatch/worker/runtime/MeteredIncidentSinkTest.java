package io.meshwatch.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwatch.alerts.IncidentSink;
import io.meshwatch.alerts.Incidents;
import io.meshwatch.alerts.SinkResult;
import io.meshwatch.workflows.activities.DeliveryInput;
import io.meshwatch.workflows.activities.DeliveryIntent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MeteredIncidentSinkTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsEachAttemptAsSentSkippedOrFailedBySinkAndIntentAndRethrowsFailures() {
    Deque<Supplier<SinkResult>> answers = new ArrayDeque<>();
    answers.add(() -> {
      throw new IllegalStateException("HTTP 503");
    });
    answers.add(() -> new SinkResult(null, true));
    answers.add(() -> SinkResult.skipped(null));
    IncidentSink metered = new MeteredIncidentSink(new IncidentSink() {
      @Override
      public String name() {
        return "webhook";
      }

      @Override
      public SinkResult deliver(DeliveryInput input) {
        return answers.removeFirst().get();
      }
    }, registry);
    DeliveryInput opened = new DeliveryInput("k|OPENED|1", DeliveryIntent.OPENED, Incidents.open(), null);

    assertThatThrownBy(() -> metered.deliver(opened)).hasMessage("HTTP 503");
    assertThat(metered.deliver(opened).sent()).isTrue();
    assertThat(metered.deliver(opened).sent()).isFalse();

    assertThat(metered.name()).isEqualTo("webhook");
    for (String outcome : new String[] {"failed", "sent", "skipped"}) {
      assertThat(registry.get(MeteredIncidentSink.METRIC)
          .tags("sink", "webhook", "intent", "opened", "outcome", outcome).counter().count()).as(outcome).isEqualTo(1.0);
    }
    assertThat(registry.getMeters()).hasSize(3);
  }
}
