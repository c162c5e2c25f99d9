package io.meshwatch.worker.governance;

import io.meshwatch.activities.warehouse.delta.DeltaRoots;
import io.meshwatch.workflows.model.ColumnSpec;
import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.CustomCheckSpec;
import io.meshwatch.workflows.model.OutputFormat;
import io.meshwatch.workflows.model.OutputSpec;
import io.meshwatch.workflows.model.PiiHandling;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A global governance policy (DESIGN §4, federated computational governance): a rule every product
 * spec must follow, configured once for the whole platform under {@code governance.policies} in the
 * worker config. Each has a stable {@link #name()} (what config names and violations cite), a
 * description, its parameters, and a check that returns every violation of one spec at once.
 * Pure functions over the spec: no I/O, thread-safe.
 */
public sealed interface Policy {

  /** The stable name used in config and in every violation, such as {@code steward-required}. */
  String name();

  /** One sentence saying what the policy demands. */
  String description();

  /** The parameters as configured (defaults filled in), in a stable order; empty when it takes none. */
  default Map<String, Object> parameters() {
    return Map.of();
  }

  /** Every violation of this policy by {@code spec}; empty when it complies. */
  List<PolicyViolation> check(ProductSpec spec);

  /** Every product names a steward, the person escalations and PII issues go to after the owner. */
  record StewardRequired() implements Policy {
    public static final String NAME = "steward-required";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "every product names a steward (metadata.steward), who is escalated to after the owner";
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      if (spec.steward() != null && !spec.steward().isBlank()) {
        return List.of();
      }
      return List.of(new PolicyViolation(NAME, "metadata.steward", "every product needs a steward"));
    }
  }

  /**
   * Every {@code pii: true} column declares how it is protected, and, when {@code allowed} is not
   * empty, with one of those handlings only. The spec loader already requires a handling; specs
   * built another way (imports, the API) are held to it here too.
   */
  record PiiHandlingDeclared(List<PiiHandling> allowed) implements Policy {
    public static final String NAME = "pii-handling-declared";

    public PiiHandlingDeclared {
      allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "every pii: true column declares its pii_handling"
          + (allowed.isEmpty() ? "" : ", one of " + names(allowed));
    }

    @Override
    public Map<String, Object> parameters() {
      return allowed.isEmpty() ? Map.of() : Map.of("allowed", allowed.stream().map(PiiHandling::specName).toList());
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      List<PolicyViolation> violations = new ArrayList<>();
      for (int i = 0; i < spec.schema().size(); i++) {
        ColumnSpec column = spec.schema().get(i);
        if (!column.pii()) {
          continue;
        }
        String path = "spec.schema[" + i + "].pii_handling";
        if (column.piiHandling() == null) {
          violations.add(new PolicyViolation(NAME, path, "PII column " + column.name() + " must declare how it is protected"));
        } else if (!allowed.isEmpty() && !allowed.contains(column.piiHandling())) {
          violations.add(new PolicyViolation(NAME, path, "PII column " + column.name() + " is "
              + column.piiHandling().specName() + "; this platform allows " + names(allowed)));
        }
      }
      return violations;
    }

    private static String names(List<PiiHandling> handlings) {
      return handlings.stream().map(PiiHandling::specName).collect(Collectors.joining(", "));
    }
  }

  /**
   * Custom checks may not read PII columns: a check's failing rows are sampled into alerts and
   * incident messages, which go to channels far wider than the people cleared to see PII.
   */
  record CustomChecksAvoidPii() implements Policy {
    public static final String NAME = "custom-checks-avoid-pii";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "custom checks do not read pii: true columns (their results and samples reach alert channels)";
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      List<PolicyViolation> violations = new ArrayList<>();
      List<CustomCheckSpec> checks = spec.quality().customChecks();
      for (int i = 0; i < checks.size(); i++) {
        CustomCheckSpec check = checks.get(i);
        List<String> pii = new ArrayList<>();
        for (String column : SpecColumns.readBy(check.expr())) {
          // Column names resolve case-insensitively, as ProductSpec.column and the warehouses do.
          Optional<ColumnSpec> declared = spec.column(column);
          if (declared.isPresent() && declared.get().pii() && !pii.contains(declared.get().name())) {
            pii.add(declared.get().name());
          }
        }
        if (!pii.isEmpty()) {
          violations.add(new PolicyViolation(NAME, "spec.quality.custom_checks[" + i + "]", "check " + check.name()
              + " reads PII column" + (pii.size() == 1 ? " " : "s ") + String.join(", ", pii)));
        }
      }
      return violations;
    }
  }

  /** The SLA's availability target is at least {@code min} (absent targets count as the default, 0.999). */
  record AvailabilityTargetFloor(double min) implements Policy {
    public static final String NAME = "availability-target-floor";

    public AvailabilityTargetFloor {
      if (!(min > 0 && min <= 1)) {
        throw new IllegalArgumentException("min must be in (0, 1], got " + min);
      }
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "the availability target (spec.sla.availability_target, default 0.999) is at least " + min;
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of("min", min);
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      double target = spec.sla().availabilityTarget();
      if (target >= min) {
        return List.of();
      }
      return List.of(new PolicyViolation(NAME, "spec.sla.availability_target",
          "must be at least " + min + ", got " + target));
    }
  }

  /**
   * Consumers are documented: at least {@code min} of them, each with a team and a use case, since
   * alerts name them as the impact of a breach and schema-change reviews ask them first.
   */
  record ConsumersDocumented(int min) implements Policy {
    public static final String NAME = "consumers-documented";

    public ConsumersDocumented {
      if (min < 1) {
        throw new IllegalArgumentException("min must be at least 1, got " + min);
      }
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "at least " + min + " consumer" + (min == 1 ? "" : "s") + " in spec.consumers, each with team and use_case";
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of("min", min);
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      List<PolicyViolation> violations = new ArrayList<>();
      List<ConsumerSpec> consumers = spec.consumers();
      if (consumers.size() < min) {
        violations.add(new PolicyViolation(NAME, "spec.consumers", "needs at least " + min + " consumer"
            + (min == 1 ? "" : "s") + " (team and use_case), got " + consumers.size()));
      }
      for (int i = 0; i < consumers.size(); i++) {
        String useCase = consumers.get(i).useCase();
        if (useCase == null || useCase.isBlank()) {
          violations.add(new PolicyViolation(NAME, "spec.consumers[" + i + "].use_case",
              "consumer " + consumers.get(i).team() + " needs a use_case"));
        }
      }
      return violations;
    }
  }

  /**
   * The spec declares a freshness SLA ({@code spec.quality.freshness_sla_hours}), no looser than
   * {@code maxHours} when that is given: a product nobody promised to refresh cannot be late.
   */
  record FreshnessSlaDeclared(Double maxHours) implements Policy {
    public static final String NAME = "freshness-sla-declared";

    public FreshnessSlaDeclared {
      if (maxHours != null && !(maxHours > 0)) {
        throw new IllegalArgumentException("max_hours must be greater than 0, got " + maxHours);
      }
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "spec.quality.freshness_sla_hours is declared" + (maxHours == null ? "" : " and at most " + maxHours);
    }

    @Override
    public Map<String, Object> parameters() {
      return maxHours == null ? Map.of() : Map.of("max_hours", maxHours);
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      Double hours = spec.quality().freshnessSlaHours();
      String path = "spec.quality.freshness_sla_hours";
      if (hours == null) {
        return List.of(new PolicyViolation(NAME, path, "every product declares a freshness SLA"));
      }
      if (maxHours != null && hours > maxHours) {
        return List.of(new PolicyViolation(NAME, path, "must be at most " + maxHours + ", got " + hours));
      }
      return List.of();
    }
  }

  /** The spec says what the product is: a description for catalogs, alerts and reviews. */
  record DescriptionRequired() implements Policy {
    public static final String NAME = "description-required";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "every product has a description (spec.description)";
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      if (spec.description() != null && !spec.description().isBlank()) {
        return List.of();
      }
      return List.of(new PolicyViolation(NAME, "spec.description", "every product needs a description"));
    }
  }

  /**
   * Built in rather than configured: in force whenever a Delta warehouse connection lists
   * {@code allowed_roots} (worker config {@code warehouses.NAME.allowed_roots}). A Delta product on
   * such a connection must lie under one of its roots, and while any Delta connection is restricted a
   * Delta product must name its connection, because the built-in one is off. Refusing here keeps such
   * a spec out of the registry; the warehouse refuses it again when a monitor reads (a spec
   * registered before the roots were set).
   *
   * @param connections every configured Delta connection by name, unrestricted ones with no roots
   */
  record DeltaAllowedRoots(Map<String, DeltaRoots> connections) implements Policy {
    public static final String NAME = "delta-allowed-roots";

    public DeltaAllowedRoots {
      connections = Map.copyOf(connections);
    }

    /** The policy for these Delta connections; empty when none of them is restricted. */
    public static Optional<Policy> of(Map<String, DeltaRoots> connections) {
      return connections.values().stream().anyMatch(DeltaRoots::restricted)
          ? Optional.of(new DeltaAllowedRoots(connections)) : Optional.empty();
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "a Delta product lies under an allowed root of the Delta connection it names (spec.output.connection, spec.output.location)";
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> roots = new TreeMap<>();
      connections.forEach((name, allowed) -> {
        if (allowed.restricted()) {
          roots.put(name, allowed.roots());
        }
      });
      return Map.of("allowed_roots", roots);
    }

    @Override
    public List<PolicyViolation> check(ProductSpec spec) {
      OutputSpec output = spec.output();
      if (output == null || output.format() != OutputFormat.DELTA || output.location() == null || output.location().isBlank()) {
        return List.of();
      }
      String name = output.connectionOrDefault();
      DeltaRoots roots = connections.get(name);
      if (roots == null) {
        // Not a configured Delta connection: left out, the built-in one would serve, and it is off.
        // A named connection that does not exist is the monitor's to report, as without this policy.
        return output.connection() == null
            ? List.of(new PolicyViolation(NAME, "spec.output.connection",
                "is required: Delta connections are restricted to allowed_roots, so the built-in Delta connection is off"))
            : List.of();
      }
      return roots.outside(name, output.location())
          .map(why -> List.of(new PolicyViolation(NAME, "spec.output.location", why)))
          .orElse(List.of());
    }
  }
}
