package io.meshwatch.workflows.incident;

import java.util.Objects;

/** Signal: someone resolves the incident by hand with a reason ({@code RECOVERED} is meshwatch's alone) and an optional note. */
public record ResolveRequest(Actor by, Resolution reason, String note) {
  public ResolveRequest {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(reason, "reason");
    if (reason == Resolution.RECOVERED) {
      throw new IllegalArgumentException("resolve by hand with fixed, expected or false_positive");
    }
  }
}
