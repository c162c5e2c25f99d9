package io.meshwatch.workflows.source;

import java.util.List;

/** Query result of {@link SourceOutageWorkflow#status}: the products down and the open incident (null when none). */
public record SourceOutageStatus(String connection, List<DownProduct> down, String incidentId) {
  public SourceOutageStatus {
    down = down == null ? List.of() : List.copyOf(down);
  }
}
