package io.meshwatch.activities.store;

import java.util.Objects;

/**
 * A domain's roll-up of its products' scores over a period, as {@code meshwatch.domain_scores}
 * computes it: availability and coverage from summed seconds, quality as the mean of the products'
 * scores, mean times weighted by the incidents behind them.
 */
public record DomainScore(
    String domain,
    long products,
    long productsMeetingTarget,
    double measurableSeconds,
    double measuredSeconds,
    double onTimeSeconds,
    Double availability,
    Double coverage,
    Double qualityScore,
    long breaches,
    Double meanTimeToAcknowledgeSeconds,
    Double meanTimeToResolveSeconds) {

  public DomainScore {
    Objects.requireNonNull(domain, "domain");
  }
}
