package io.meshwatch.activities.store;

import io.meshwatch.workflows.model.ProductId;
import java.util.Objects;

/**
 * One product's scores over a period, as {@code meshwatch.product_scores} computes them
 * (docs/scores.md defines each). Times are in seconds; a ratio or mean is null when there was
 * nothing to divide by (nothing measured, no evaluation, no acknowledged or resolved breach).
 *
 * @param periodSeconds the part of the period the product was registered for
 * @param measurableSeconds period less maintenance and paused time: what coverage divides by
 * @param targetMet whether availability reached the target; null when nothing was measured
 * @param evaluations evaluations with at least one measured check
 */
public record ProductScore(
    ProductId product,
    double periodSeconds,
    double maintenanceSeconds,
    double pausedSeconds,
    double measurableSeconds,
    double measuredSeconds,
    double onTimeSeconds,
    Double availability,
    Double coverage,
    double availabilityTarget,
    Boolean targetMet,
    long evaluations,
    Double qualityScore,
    long breaches,
    long acknowledged,
    long resolved,
    Double meanTimeToAcknowledgeSeconds,
    Double meanTimeToResolveSeconds) {

  public ProductScore {
    Objects.requireNonNull(product, "product");
  }
}
