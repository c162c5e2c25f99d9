package io.meshwatch.workflows.model;

import java.util.ArrayList;
import java.util.List;

/** The checks a spec asks for, in a stable order. Pure: the same spec always gives the same plan. */
public final class CheckPlan {

  private CheckPlan() {}

  public static List<Check> of(ProductSpec spec) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check.Freshness());
    if (!spec.schema().isEmpty()) {
      checks.add(new Check.SchemaConformance(spec.schema()));
    }
    List<String> required = new ArrayList<>();
    for (ColumnSpec column : spec.schema()) {
      if (!column.nullable()) {
        checks.add(new Check.NotNull(column.name()));
        required.add(column.name());
      }
    }
    Double threshold = spec.quality().completenessThreshold();
    if (threshold != null && !required.isEmpty()) {
      checks.add(new Check.Completeness(required, threshold));
    }
    for (ColumnSpec column : spec.schema()) {
      if (column.pii() && column.piiHandling() != null) {
        checks.add(new Check.PiiConformance(column.name(), column.piiHandling()));
      }
    }
    for (CustomCheckSpec custom : spec.quality().customChecks()) {
      checks.add(new Check.Custom(custom.name(), custom.expr(), custom.severity(), custom.tolerance()));
    }
    return List.copyOf(checks);
  }
}
