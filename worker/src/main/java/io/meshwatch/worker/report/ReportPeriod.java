package io.meshwatch.worker.report;

import java.time.Instant;
import java.util.Objects;

/** A reported period as the worker names it: its label ({@code 2026-Q3}) and the half-open span [from, to) in UTC. */
public record ReportPeriod(String label, Instant from, Instant to) {

  public ReportPeriod {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
