package io.meshwatch.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

  @Test
  void parsesNamesLabelsWithEscapesAndSpecialValues() {
    Exposition exposition = Exposition.parse("""
        # HELP meshwatch_incidents_open Incidents not yet resolved
        # TYPE meshwatch_incidents_open gauge
        meshwatch_incidents_open{domain="payments",product="payments/payments-settled",state="open"} 1.0
        meshwatch_odd{note="a \\"quoted\\", b\\\\c",x="{}"} NaN
        jvm_threads_live_threads 12 1700000000000
        meshwatch_evaluation_duration_seconds_bucket{le="+Inf"} +Inf
        """);

    assertThat(exposition.samples()).hasSize(4);
    assertThat(exposition.value("meshwatch_incidents_open",
        Map.of("domain", "payments", "product", "payments/payments-settled", "state", "open"))).contains(1.0);
    assertThat(exposition.find("meshwatch_odd", Map.of("note", "a \"quoted\", b\\c", "x", "{}")))
        .singleElement().satisfies(s -> assertThat(s.value()).isNaN());
    assertThat(exposition.value("jvm_threads_live_threads", Map.of())).contains(12.0);
    assertThat(exposition.sum("meshwatch_evaluation_duration_seconds_bucket", Map.of())).isInfinite();
    assertThat(exposition.sum("meshwatch_absent", Map.of())).isZero();
  }
}
