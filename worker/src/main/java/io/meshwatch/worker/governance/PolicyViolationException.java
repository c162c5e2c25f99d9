package io.meshwatch.worker.governance;

import io.meshwatch.workflows.model.ProductId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A spec refused at registration because it breaks governance policies; carries every violation,
 * so the caller (CLI, HTTP API) can show all of them at once. Nothing was stored.
 */
public final class PolicyViolationException extends RuntimeException {

  private final ProductId product;
  private final List<PolicyViolation> violations;

  public PolicyViolationException(ProductId product, List<PolicyViolation> violations) {
    super(message(product, violations));
    this.product = Objects.requireNonNull(product, "product");
    this.violations = List.copyOf(violations);
    if (this.violations.isEmpty()) {
      throw new IllegalArgumentException("a refusal names at least one violation");
    }
  }

  public ProductId product() {
    return product;
  }

  public List<PolicyViolation> violations() {
    return violations;
  }

  private static String message(ProductId product, List<PolicyViolation> violations) {
    return product + " refused by governance (" + violations.size() + " violation" + (violations.size() == 1 ? "" : "s")
        + "):\n" + violations.stream().map(v -> "  " + v.render()).collect(Collectors.joining("\n"));
  }
}
