package io.meshwatch.activities.checks;

import io.meshwatch.activities.sql.ScanQuery;
import io.meshwatch.workflows.model.CheckResult;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one evaluation's scan: the single fused query (null when no check needs the data),
 * what each of its columns measures, the results settled without scanning (a missing column, a
 * refused expression, a handling that cannot be verified), and the scope in words for messages.
 */
public record ScanPlan(ScanQuery query, List<Measurement> measurements, List<CheckResult> settled, String scope) {

  public ScanPlan {
    measurements = List.copyOf(measurements);
    settled = List.copyOf(settled);
    Objects.requireNonNull(scope);
    if (query == null && !measurements.isEmpty()) {
      throw new IllegalArgumentException("measurements need a query");
    }
  }

  public boolean scans() {
    return query != null;
  }
}
