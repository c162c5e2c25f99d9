package io.meshwatch.worker.report;

/**
 * A line's change from the previous period: availability in percentage points, quality in score
 * points. Null when either period has no figure (nothing measured, or the product did not exist yet).
 */
public record Trend(Double availabilityPoints, Double qualityPoints) {

  static Trend between(Figures now, Figures before) {
    if (before == null) {
      return new Trend(null, null);
    }
    return new Trend(
        now.availability() == null || before.availability() == null ? null : 100 * (now.availability() - before.availability()),
        now.qualityScore() == null || before.qualityScore() == null ? null : now.qualityScore() - before.qualityScore());
  }
}
