package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Input of {@link IncidentWorkflow#run}. {@code openedAt} is the monitor's cycle time when the breach
 * was seen; {@code failing} every failing check with since when. {@code carried} is null on the
 * first run and holds the progress across continue-as-new.
 */
public record IncidentInput(
    String incidentId,
    IncidentProduct product,
    Instant openedAt,
    ProductState productState,
    List<FailingCheck> failing,
    EscalationLadder ladder,
    IncidentProgress carried) {

  public IncidentInput {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(ladder, "ladder");
    failing = failing == null ? List.of() : List.copyOf(failing);
  }

  /** The workflow id of a product's incident opened at {@code openedAt}: one per breach episode. */
  public static String idFor(ProductId product, Instant openedAt) {
    return "incident/" + product.domain() + "/" + product.name() + "/" + openedAt.toEpochMilli();
  }
}
