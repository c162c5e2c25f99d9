package io.meshwatch.worker.report;

/**
 * The figures a report shows for a product, a domain or the mesh over one period (docs/scores.md).
 * Ratios are 0–1, the quality score 0–100, times in seconds; null means nothing was there to measure,
 * which a report shows as "—", never as 0.
 */
public record Figures(
    Double availability,
    Double coverage,
    Double qualityScore,
    long breaches,
    Double meanTimeToAcknowledgeSeconds,
    Double meanTimeToResolveSeconds) {

  /** Below this share of measurable time measured, figures are flagged: the monitor was away too often to trust them. */
  public static final double LOW_COVERAGE = 0.90;

  /** Whether the monitor measured too little of the period for the availability to be trusted. */
  public boolean lowCoverage() {
    return coverage != null && coverage < LOW_COVERAGE;
  }
}
