package io.meshwatch.workflows.incident;

import io.meshwatch.workflows.model.ConsumerSpec;
import io.meshwatch.workflows.model.ProductId;
import io.meshwatch.workflows.model.ProductSpec;
import java.util.List;
import java.util.Objects;

/**
 * What an incident needs to know about its product to route and word its messages: the owner team
 * and steward, the consumers hurt, the spec's channel override and consumer-notice opt-in, and the
 * warehouse connection it reads (for the source-unavailable incident). A slice of the spec, so the
 * incident's history stays small.
 */
public record IncidentProduct(
    ProductId id,
    String description,
    String owner,
    String steward,
    List<ConsumerSpec> consumers,
    String slackChannel,
    boolean notifyConsumers,
    String connection) {

  public IncidentProduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
  }

  public static IncidentProduct of(ProductSpec spec) {
    return new IncidentProduct(spec.id(), spec.description(), spec.owner(), spec.steward(), spec.consumers(),
        spec.alerts().slackChannel(), spec.alerts().notifyConsumers(), spec.output().connectionOrDefault());
  }
}
