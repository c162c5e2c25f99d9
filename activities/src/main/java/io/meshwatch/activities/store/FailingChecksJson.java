package io.meshwatch.activities.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwatch.workflows.incident.FailingCheck;
import io.meshwatch.workflows.model.CheckKind;
import io.meshwatch.workflows.model.CheckResult;
import io.meshwatch.workflows.model.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.JSONB;

/**
 * The stored form of an incident's failing checks: a JSON array with one object per check
 * ({@code checkId, kind, outcome, observed, threshold, violations, rows, message, since}). Written
 * field by field rather than by serialising the model records, so a change to a record does not
 * silently change what is stored. Aggregates only, like {@link CheckResult}.
 */
final class FailingChecksJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FailingChecksJson() {}

  static JSONB write(List<FailingCheck> failing) {
    ArrayNode array = MAPPER.createArrayNode();
    for (FailingCheck check : failing) {
      CheckResult r = check.result();
      ObjectNode node = array.addObject();
      node.put("checkId", r.checkId());
      node.put("kind", r.kind().name());
      node.put("outcome", r.outcome().name());
      node.put("observed", r.observed());
      node.put("threshold", r.threshold());
      node.put("violations", r.violations());
      node.put("rows", r.rows());
      node.put("message", r.message());
      node.put("since", check.since().toString());
    }
    return JSONB.valueOf(array.toString());
  }

  static List<FailingCheck> read(JSONB json) {
    JsonNode array;
    try {
      array = MAPPER.readTree(json.data());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored failing checks are not JSON: " + e.getOriginalMessage(), e);
    }
    List<FailingCheck> failing = new ArrayList<>();
    for (JsonNode node : array) {
      CheckResult result = new CheckResult(
          node.path("checkId").asText(),
          CheckKind.valueOf(node.path("kind").asText()),
          Outcome.valueOf(node.path("outcome").asText()),
          node.path("observed").isNumber() ? node.path("observed").asDouble() : null,
          node.path("threshold").isNumber() ? node.path("threshold").asDouble() : null,
          node.path("violations").isNumber() ? node.path("violations").asLong() : null,
          node.path("rows").isNumber() ? node.path("rows").asLong() : null,
          node.path("message").isTextual() ? node.path("message").asText() : null);
      failing.add(new FailingCheck(result, Instant.parse(node.path("since").asText())));
    }
    return failing;
  }
}
