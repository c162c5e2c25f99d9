package io.meshwatch.activities.warehouse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a metadata probe found. {@code dataVersion} changes whenever the data changes (null when the
 * warehouse cannot tell); {@code lastUpdated} is null when unknown; {@code rowCount} may be an
 * estimate and null. {@code freshnessProblem} says why a declared freshness column could not be
 * read (missing, not a date or timestamp); null otherwise. {@code updateHistory} holds the instants
 * of recent data changes where the warehouse keeps them (Delta's log), oldest first; empty otherwise.
 */
public record TableProbe(ResolvedTable table, String dataVersion, Instant lastUpdated, Long rowCount,
    String freshnessProblem, List<Instant> updateHistory) {

  public TableProbe {
    Objects.requireNonNull(table, "table");
    updateHistory = updateHistory == null ? List.of() : List.copyOf(updateHistory);
  }

  /** A probe of a warehouse that keeps no update history. */
  public TableProbe(ResolvedTable table, String dataVersion, Instant lastUpdated, Long rowCount,
      String freshnessProblem) {
    this(table, dataVersion, lastUpdated, rowCount, freshnessProblem, List.of());
  }
}
