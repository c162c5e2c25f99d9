package io.meshwatch.workflows.model;

import java.util.Objects;

/**
 * One entry of {@code spec.quality.custom_checks}. {@code name} is given or derived from the
 * expression (a stable slug), so results stay keyed the same when checks are reordered. The
 * expression is kept as text; it is parsed and allow-listed at registration and rendered per
 * dialect by the planner, never concatenated into SQL.
 */
public record CustomCheckSpec(String name, String expr, Severity severity, double tolerance) {

  public CustomCheckSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(severity, "severity");
  }
}
