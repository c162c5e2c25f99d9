package io.meshwatch.workflows.model;

import java.util.List;

/**
 * {@code spec.quality}. Absent numbers are null. {@code lookback} (a duration such as {@code 3d})
 * scopes scans to recent partitions when {@code partitionColumn} is given.
 */
public record QualitySpec(
    Double freshnessSlaHours,
    Double completenessThreshold,
    List<CustomCheckSpec> customChecks,
    String freshnessColumn,
    String partitionColumn,
    String lookback) {

  public QualitySpec {
    customChecks = customChecks == null ? List.of() : List.copyOf(customChecks);
  }

  public static QualitySpec empty() {
    return new QualitySpec(null, null, List.of(), null, null, null);
  }
}
