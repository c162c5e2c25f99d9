package io.meshwatch.workflows.source;

import io.meshwatch.workflows.model.ProductId;
import java.util.List;

/**
 * What an outage carries across continue-as-new: the products down (in the order they were
 * reported), the open source incident's id (null when none), and the products that were down when
 * someone resolved the incident by hand (no new incident opens for them alone).
 */
public record SourceOutageProgress(List<DownProduct> down, String incidentId, List<ProductId> closedByHand) {
  public SourceOutageProgress {
    down = down == null ? List.of() : List.copyOf(down);
    closedByHand = closedByHand == null ? List.of() : List.copyOf(closedByHand);
  }
}
