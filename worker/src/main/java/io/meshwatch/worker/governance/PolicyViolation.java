package io.meshwatch.worker.governance;

import java.util.Objects;

/**
 * One way a spec breaks a governance policy: which policy, where in the spec ({@code path}, in the
 * native spec's terms, such as {@code spec.schema[1].pii_handling}) and what is wrong.
 */
public record PolicyViolation(String policy, String path, String message) {

  public PolicyViolation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code policy steward-required: metadata.steward: every product needs a steward}. */
  public String render() {
    return "policy " + policy + ": " + path + ": " + message;
  }

  @Override
  public String toString() {
    return render();
  }
}
