package io.meshwatch.worker.governance;

import java.util.List;
import java.util.Optional;

/**
 * Every policy meshwatch knows, by name, with what each demands and the parameters it takes: what
 * config is checked against (unknown names get a "did you mean") and what
 * {@code meshwatch policies --available} lists.
 */
public final class PolicyCatalog {

  /** One parameter of a policy: its name, whether it must be given, and what it means. */
  public record Parameter(String name, boolean required, String description) {}

  /** One kind of policy. */
  public record Entry(String name, String description, List<Parameter> parameters) {
    public Entry {
      parameters = List.copyOf(parameters);
    }

    public Optional<Parameter> parameter(String name) {
      return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
  }

  public static final List<Entry> ENTRIES = List.of(
      new Entry(Policy.StewardRequired.NAME, "every product names a steward (metadata.steward)", List.of()),
      new Entry(Policy.PiiHandlingDeclared.NAME, "every pii: true column declares its pii_handling",
          List.of(new Parameter("allowed", false,
              "the handlings this platform accepts, a list of hashed, masked, tokenized, encrypted, redacted (default: any)"))),
      new Entry(Policy.CustomChecksAvoidPii.NAME, "custom checks do not read pii: true columns", List.of()),
      new Entry(Policy.AvailabilityTargetFloor.NAME, "the availability target is at least a floor",
          List.of(new Parameter("min", true, "the lowest acceptable spec.sla.availability_target, in (0, 1]"))),
      new Entry(Policy.ConsumersDocumented.NAME, "consumers are listed, each with team and use_case",
          List.of(new Parameter("min", false, "how many consumers at least (default 1)"))),
      new Entry(Policy.FreshnessSlaDeclared.NAME, "a freshness SLA is declared",
          List.of(new Parameter("max_hours", false, "the loosest acceptable spec.quality.freshness_sla_hours (default: any)"))),
      new Entry(Policy.DescriptionRequired.NAME, "every product has a description", List.of()));

  private PolicyCatalog() {}

  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  public static Optional<Entry> entry(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
