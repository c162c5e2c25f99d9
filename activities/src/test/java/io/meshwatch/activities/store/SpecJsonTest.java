package io.meshwatch.activities.store;

import static io.meshwatch.activities.store.StoreFixtures.ORDERS;
import static io.meshwatch.activities.store.StoreFixtures.fullSpec;
import static io.meshwatch.activities.store.StoreFixtures.minimalSpec;
import static io.meshwatch.activities.store.StoreFixtures.withDescription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

  @Test
  void fullSpecRoundTripsToAnEqualRecord() {
    ProductSpec spec = fullSpec();

    assertThat(SpecJson.parse(SpecJson.canonical(spec))).isEqualTo(spec);
  }

  @Test
  void minimalSpecRoundTripsWithItsDefaults() {
    ProductSpec spec = minimalSpec(ORDERS);

    assertThat(SpecJson.parse(SpecJson.canonical(spec))).isEqualTo(spec);
  }

  @Test
  void canonicalJsonSortsEveryObjectsKeys() throws Exception {
    JsonNode tree = new ObjectMapper().readTree(SpecJson.canonical(fullSpec()));

    assertKeysSorted(tree);
  }

  @Test
  void canonicalJsonLeavesOutNullsAndWritesInstantsAsText() {
    String json = SpecJson.canonical(fullSpec());

    assertThat(json).doesNotContain(":null").contains("\"start\":\"2026-12-24T00:00:00Z\"");
  }

  @Test
  void keyOrderOfStoredJsonDoesNotChangeTheSpec() {
    // PostgreSQL's jsonb hands keys back in its own order.
    String reordered = "{\"owner\":\"team-orders\",\"output\":{\"table\":\"orders-daily\",\"schema\":\"main\","
        + "\"database\":\"demo\",\"format\":\"DUCKDB\"},\"id\":{\"name\":\"orders-daily\",\"domain\":\"orders\"}}";

    assertThat(SpecJson.parse(reordered)).isEqualTo(minimalSpec(ORDERS));
  }

  @Test
  void equalSpecsHashAlikeAndAChangeChangesTheHash() {
    String hash = SpecJson.sha256(SpecJson.canonical(fullSpec()));

    assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(SpecJson.sha256(SpecJson.canonical(fullSpec()))).isEqualTo(hash);
    assertThat(SpecJson.sha256(SpecJson.canonical(withDescription(fullSpec(), "changed")))).isNotEqualTo(hash);
  }

  private static void assertKeysSorted(JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        keys.add(field.getKey());
        assertKeysSorted(field.getValue());
      }
      assertThat(keys).isSorted();
    } else if (node.isArray()) {
      node.forEach(SpecJsonTest::assertKeysSorted);
    }
  }
}
