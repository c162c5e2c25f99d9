package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.ProductState;
import java.util.List;

/** Signal from the monitor: the failing checks changed (a check started or stopped failing, or its values moved). */
public record IncidentChange(ProductState productState, List<FailingCheck> failing) {

  public IncidentChange {
    failing = failing == null ? List.of() : List.copyOf(failing);
  }
}
