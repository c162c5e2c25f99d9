package io.meshwatch.worker.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an SLA report says, whatever it is written as: the period and the one it is compared with,
 * the whole mesh, each domain and each product (ordered by domain, then name). With {@code domain}
 * the report covers that domain only; {@code mesh} is still the whole mesh, for context.
 */
public record SlaReport(
    ReportPeriod period,
    ReportPeriod previous,
    Optional<String> domain,
    Instant generatedAt,
    ReportLine.Mesh mesh,
    List<ReportLine.Domain> domains,
    List<ReportLine.Product> products) {

  public SlaReport {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(mesh, "mesh");
    domains = List.copyOf(domains);
    products = List.copyOf(products);
  }

  /**
   * The line the report leads with: the mesh, or with {@code --domain} that domain (empty figures
   * when it had no product in the period, only in the previous one).
   */
  public ReportLine.RollUp headline() {
    if (domain.isEmpty()) {
      return mesh;
    }
    return domains.stream().filter(d -> d.domain().equals(domain.get())).findFirst()
        .<ReportLine.RollUp>map(d -> d)
        .orElseGet(() -> new ReportLine.Domain(domain.get(), 0, 0, new Figures(null, null, null, 0, null, null), null));
  }

  /** What the report is about, in words: {@code the mesh} or {@code domain orders}. */
  public String scope() {
    return domain.map(d -> "domain " + d).orElse("the mesh");
  }
}
