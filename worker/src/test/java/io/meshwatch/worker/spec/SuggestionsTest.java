package io.meshwatch.worker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> SPEC_FIELDS =
      List.of("description", "output", "schema", "quality", "consumers", "sla", "escalation", "alerts");

  @Test
  void suggestsTheClosestNameForATypo() {
    assertThat(Suggestions.closest("qualty", SPEC_FIELDS)).contains("quality");
    assertThat(Suggestions.closest("consumer", SPEC_FIELDS)).contains("consumers");
    assertThat(Suggestions.closest("escalaiton", SPEC_FIELDS)).contains("escalation");
    assertThat(Suggestions.closest("Schema", SPEC_FIELDS)).contains("schema");
  }

  @Test
  void suggestsNothingForAnUnrelatedName() {
    assertThat(Suggestions.closest("labels", SPEC_FIELDS)).isEmpty();
    assertThat(Suggestions.closest("x", SPEC_FIELDS)).isEmpty();
    assertThat(Suggestions.closest("", SPEC_FIELDS)).isEmpty();
  }

  @Test
  void countsATranspositionAsOneEdit() {
    assertThat(Suggestions.distance("ouptut", "output")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }
}
