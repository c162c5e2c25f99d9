package io.meshwatch.activities.store;

/** Every product's scores over a period rolled up as one, as {@code meshwatch.overall_scores} computes it. */
public record OverallScore(
    long domains,
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
    Double meanTimeToResolveSeconds) {}
