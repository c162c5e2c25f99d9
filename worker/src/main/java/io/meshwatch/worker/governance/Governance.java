package io.meshwatch.worker.governance;

import io.meshwatch.workflows.model.ProductSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The platform's governance policies, applied together. {@link #check} is a pure function of the
 * spec (offline validation, dry runs, the API); {@link #enforce} is what registration calls before
 * anything is stored. Immutable and thread-safe.
 */
public final class Governance {

  private static final Governance NONE = new Governance(List.of());

  private final List<Policy> policies;

  public Governance(List<Policy> policies) {
    this.policies = List.copyOf(Objects.requireNonNull(policies, "policies"));
  }

  /** No policies: every valid spec complies. The default config. */
  public static Governance none() {
    return NONE;
  }

  public List<Policy> policies() {
    return policies;
  }

  /** Every violation of every policy by {@code spec}, in policy order; empty when it complies. */
  public List<PolicyViolation> check(ProductSpec spec) {
    Objects.requireNonNull(spec, "spec");
    List<PolicyViolation> violations = new ArrayList<>();
    for (Policy policy : policies) {
      violations.addAll(policy.check(spec));
    }
    return List.copyOf(violations);
  }

  /** Returns when {@code spec} complies; otherwise throws with every violation. */
  public void enforce(ProductSpec spec) {
    List<PolicyViolation> violations = check(spec);
    if (!violations.isEmpty()) {
      throw new PolicyViolationException(spec.id(), violations);
    }
  }
}
