package io.meshwatch.activities.warehouse;

import java.time.Instant;
import java.util.Objects;

/**
 * What a metadata probe found. {@code dataVersion} changes whenever the data changes (null when the
 * warehouse cannot tell); {@code lastUpdated} is null when unknown; {@code rowCount} may be an
 * estimate and null. {@code freshnessProblem} says why a declared freshness column could not be
 * read (missing, not a date or timestamp); null otherwise.
 */
public record TableProbe(ResolvedTable table, String dataVersion, Instant lastUpdated, Long rowCount,
    String freshnessProblem) {

  public TableProbe {
    Objects.requireNonNull(table, "table");
  }
}
