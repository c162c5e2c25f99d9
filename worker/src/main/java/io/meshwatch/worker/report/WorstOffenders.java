package io.meshwatch.worker.report;

import java.util.Comparator;
import java.util.List;

/**
 * The products a report names first: furthest below their availability target, most breaches,
 * lowest quality, and least covered (whose figures the monitor could not vouch for). At most
 * {@value #LIMIT} each; a product with nothing measured is in none of the first three, since it has
 * no figure to rank by, but an unmeasured period shows up as low coverage.
 */
public record WorstOffenders(
    List<ReportLine.Product> belowTarget,
    List<ReportLine.Product> mostBreaches,
    List<ReportLine.Product> lowestQuality,
    List<ReportLine.Product> lowCoverage) {

  public static final int LIMIT = 5;

  public static WorstOffenders of(SlaReport report) {
    List<ReportLine.Product> products = report.products();
    return new WorstOffenders(
        products.stream()
            .filter(p -> Boolean.FALSE.equals(p.targetMet()))
            .sorted(Comparator.comparingDouble(ReportLine.Product::pointsAboveTarget))
            .limit(LIMIT).toList(),
        products.stream()
            .filter(p -> p.now().breaches() > 0)
            .sorted(Comparator.comparingLong((ReportLine.Product p) -> p.now().breaches()).reversed())
            .limit(LIMIT).toList(),
        products.stream()
            .filter(p -> p.now().qualityScore() != null && p.now().qualityScore() < 100)
            .sorted(Comparator.comparingDouble(p -> p.now().qualityScore()))
            .limit(LIMIT).toList(),
        products.stream()
            .filter(p -> p.now().lowCoverage())
            .sorted(Comparator.comparingDouble(p -> p.now().coverage()))
            .limit(LIMIT).toList());
  }
}
