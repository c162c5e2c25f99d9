package io.meshwatch.workflows.incident;

import java.util.Objects;

/** Signal: someone takes the incident. Stops the ladder. */
public record AcknowledgeRequest(Actor by) {
  public AcknowledgeRequest {
    Objects.requireNonNull(by, "by");
  }
}
