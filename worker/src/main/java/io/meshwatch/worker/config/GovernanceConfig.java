package io.meshwatch.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwatch.worker.governance.Policy;
import io.meshwatch.worker.governance.PolicyCatalog;
import io.meshwatch.worker.spec.Suggestions;
import io.meshwatch.workflows.model.PiiHandling;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code governance.policies}. Each entry is a policy name ({@code steward-required}) or a
 * mapping of {@code name} and that policy's parameters ({@code {name: availability-target-floor,
 * min: 0.99}}). The environment override {@code MESHWATCH_GOVERNANCE_POLICIES} holds the same list
 * in YAML flow form, brackets optional ({@code steward-required, {name: availability-target-floor,
 * min: 0.99}}). Every problem is reported with its path; unknown names and parameters get a "did
 * you mean".
 */
final class GovernanceConfig {

  static final String PATH = "governance.policies";

  private static final List<String> HANDLINGS = Arrays.stream(PiiHandling.values()).map(PiiHandling::specName).toList();

  private final ObjectMapper yaml;
  private final List<ConfigProblem> problems;

  private GovernanceConfig(ObjectMapper yaml, List<ConfigProblem> problems) {
    this.yaml = yaml;
    this.problems = problems;
  }

  /** The policies in {@code governance} (the section's node), reporting problems into {@code problems}. */
  static WorkerConfig.Governance read(JsonNode governance, ObjectMapper yaml, List<ConfigProblem> problems) {
    if (governance == null || governance.isMissingNode()) {
      return WorkerConfig.Governance.none();
    }
    if (!governance.isObject()) {
      problems.add(new ConfigProblem("governance", "must be a mapping"));
      return WorkerConfig.Governance.none();
    }
    return new WorkerConfig.Governance(new GovernanceConfig(yaml, problems).policies(governance.get("policies")));
  }

  private List<Policy> policies(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      node = fromEnvironment(node.asText());
      if (node == null) {
        return List.of();
      }
    }
    if (!node.isArray()) {
      problems.add(new ConfigProblem(PATH, "must be a list of policy names or {name: ..., parameters} mappings"));
      return List.of();
    }
    List<Policy> policies = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String path = PATH + "[" + i + "]";
      Policy policy = entry(node.get(i), path);
      if (policy == null) {
        continue;
      }
      String first = seen.putIfAbsent(policy.name(), path);
      if (first != null) {
        problems.add(new ConfigProblem(path, policy.name() + " is already configured at " + first));
      } else {
        policies.add(policy);
      }
    }
    return policies;
  }

  /** The environment variable's text, as YAML flow; brackets may be left out. */
  private JsonNode fromEnvironment(String text) {
    String flow = text.strip();
    if (flow.isEmpty()) {
      return null;
    }
    if (!flow.startsWith("[")) {
      flow = "[" + flow + "]";
    }
    try {
      return yaml.readTree(flow);
    } catch (IOException e) {
      problems.add(new ConfigProblem(PATH, "the environment override " + ConfigLoader.envName(PATH)
          + " must be a YAML flow list such as 'steward-required, {name: availability-target-floor, min: 0.99}'"));
      return null;
    }
  }

  private Policy entry(JsonNode node, String path) {
    if (node.isTextual()) {
      PolicyCatalog.Entry entry = known(node.asText(), path);
      if (entry == null) {
        return null;
      }
      List<String> required = entry.parameters().stream().filter(PolicyCatalog.Parameter::required)
          .map(PolicyCatalog.Parameter::name).toList();
      if (!required.isEmpty()) {
        problems.add(new ConfigProblem(path, entry.name() + " needs " + String.join(", ", required) + ": write {name: "
            + entry.name() + ", " + required.get(0) + ": ...}"));
        return null;
      }
      return build(entry, Map.of(), path);
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem(path, "must be a policy name or a mapping with name and parameters"));
      return null;
    }
    JsonNode name = node.get("name");
    if (name == null || name.isNull()) {
      problems.add(new ConfigProblem(path + ".name", "required: the policy's name, one of " + String.join(", ", PolicyCatalog.names())));
      return null;
    }
    if (!name.isTextual()) {
      problems.add(new ConfigProblem(path + ".name", "must be a policy name"));
      return null;
    }
    PolicyCatalog.Entry entry = known(name.asText(), path + ".name");
    if (entry == null) {
      return null;
    }
    Map<String, JsonNode> parameters = new HashMap<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("name")) {
        continue;
      }
      if (entry.parameter(field.getKey()).isEmpty()) {
        ok = false;
        problems.add(new ConfigProblem(path + "." + field.getKey(), unknownParameter(entry, field.getKey())));
      } else {
        parameters.put(field.getKey(), field.getValue());
      }
    }
    for (PolicyCatalog.Parameter parameter : entry.parameters()) {
      JsonNode value = parameters.get(parameter.name());
      if (parameter.required() && (value == null || value.isNull())) {
        ok = false;
        problems.add(new ConfigProblem(path + "." + parameter.name(), "required by " + entry.name() + ": " + parameter.description()));
      }
    }
    Policy policy = build(entry, parameters, path);
    return ok ? policy : null;
  }

  private PolicyCatalog.Entry known(String name, String path) {
    var entry = PolicyCatalog.entry(name);
    if (entry.isPresent()) {
      return entry.get();
    }
    String hint = Suggestions.closest(name, PolicyCatalog.names()).map(s -> "; did you mean '" + s + "'?")
        .orElseGet(() -> "; known: " + String.join(", ", PolicyCatalog.names()));
    problems.add(new ConfigProblem(path, "unknown policy '" + name + "'" + hint));
    return null;
  }

  private static String unknownParameter(PolicyCatalog.Entry entry, String key) {
    if (entry.parameters().isEmpty()) {
      return "unknown parameter: " + entry.name() + " takes none";
    }
    List<String> names = entry.parameters().stream().map(PolicyCatalog.Parameter::name).toList();
    return "unknown parameter of " + entry.name()
        + Suggestions.closest(key, names).map(s -> "; did you mean '" + s + "'?").orElseGet(() -> "; it takes " + String.join(", ", names));
  }

  /** The policy with its parameters checked; null after reporting a bad one. */
  private Policy build(PolicyCatalog.Entry entry, Map<String, JsonNode> parameters, String path) {
    return switch (entry.name()) {
      case Policy.StewardRequired.NAME -> new Policy.StewardRequired();
      case Policy.CustomChecksAvoidPii.NAME -> new Policy.CustomChecksAvoidPii();
      case Policy.DescriptionRequired.NAME -> new Policy.DescriptionRequired();
      case Policy.PiiHandlingDeclared.NAME -> {
        List<PiiHandling> allowed = handlings(parameters.get("allowed"), path + ".allowed");
        yield allowed == null ? null : new Policy.PiiHandlingDeclared(allowed);
      }
      case Policy.AvailabilityTargetFloor.NAME -> {
        Double min = number(parameters.get("min"), path + ".min");
        if (min != null && !(min > 0 && min <= 1)) {
          problems.add(new ConfigProblem(path + ".min", "must be in (0, 1], got " + min));
          yield null;
        }
        yield min == null ? null : new Policy.AvailabilityTargetFloor(min);
      }
      case Policy.ConsumersDocumented.NAME -> {
        JsonNode min = parameters.get("min");
        if (min == null || min.isNull()) {
          yield new Policy.ConsumersDocumented(1);
        }
        if (!min.canConvertToInt() || !min.isIntegralNumber() || min.asInt() < 1) {
          problems.add(new ConfigProblem(path + ".min", "must be a whole number of at least 1, got " + min));
          yield null;
        }
        yield new Policy.ConsumersDocumented(min.asInt());
      }
      case Policy.FreshnessSlaDeclared.NAME -> {
        JsonNode given = parameters.get("max_hours");
        if (given == null || given.isNull()) {
          yield new Policy.FreshnessSlaDeclared(null);
        }
        Double max = number(given, path + ".max_hours");
        if (max != null && !(max > 0)) {
          problems.add(new ConfigProblem(path + ".max_hours", "must be greater than 0, got " + max));
          yield null;
        }
        yield max == null ? null : new Policy.FreshnessSlaDeclared(max);
      }
      default -> throw new IllegalStateException("a catalog entry without a policy: " + entry.name());
    };
  }

  private Double number(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null; // a missing required parameter is reported by the caller
    }
    // YAML from the environment arrives as text: accept a number written as text there too.
    if (node.isNumber() || (node.isTextual() && node.asText().matches("[0-9]*\\.?[0-9]+"))) {
      double value = node.asDouble();
      if (Double.isFinite(value)) {
        return value;
      }
    }
    problems.add(new ConfigProblem(path, "must be a number, got " + node));
    return null;
  }

  private List<PiiHandling> handlings(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      problems.add(new ConfigProblem(path, "must be a non-empty list of " + String.join(", ", HANDLINGS)));
      return null;
    }
    List<PiiHandling> handlings = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      String value = node.get(i).asText("");
      if (HANDLINGS.contains(value)) {
        handlings.add(PiiHandling.valueOf(value.toUpperCase(Locale.ROOT)));
      } else {
        ok = false;
        problems.add(new ConfigProblem(path + "[" + i + "]", "must be one of " + String.join(", ", HANDLINGS) + ", got '" + value + "'"
            + Suggestions.closest(value, HANDLINGS).map(s -> "; did you mean '" + s + "'?").orElse("")));
      }
    }
    return ok ? handlings : null;
  }
}
