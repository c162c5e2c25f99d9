package io.meshwatch.worker.report;

import java.util.Objects;

/**
 * One row of the report: a product, a domain or the whole mesh, with its figures for the period and
 * for the previous one ({@code before}, null when it had none: a product registered since).
 */
public sealed interface ReportLine {

  Figures now();

  Figures before();

  default Trend trend() {
    return Trend.between(now(), before());
  }

  /** A domain or the mesh: lines that sum products. */
  sealed interface RollUp extends ReportLine {
    long products();

    long productsMeetingTarget();
  }

  /** A product, with the availability target in force at the end of the period. */
  record Product(String domain, String name, double availabilityTarget, Boolean targetMet, Figures now, Figures before)
      implements ReportLine {
    public Product {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(now, "now");
    }

    /** Availability less target in percentage points; null when nothing was measured. */
    public Double pointsAboveTarget() {
      return now.availability() == null ? null : 100 * (now.availability() - availabilityTarget);
    }
  }

  /** A domain: its products' seconds summed (docs/scores.md, roll-ups). */
  record Domain(String domain, long products, long productsMeetingTarget, Figures now, Figures before) implements RollUp {
    public Domain {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(now, "now");
    }
  }

  /** Every product of the mesh as one. */
  record Mesh(long domains, long products, long productsMeetingTarget, Figures now, Figures before) implements RollUp {
    public Mesh {
      Objects.requireNonNull(now, "now");
    }
  }
}
