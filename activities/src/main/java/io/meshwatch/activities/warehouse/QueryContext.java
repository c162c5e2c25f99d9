package io.meshwatch.activities.warehouse;

import java.util.Objects;

/** Per-call context: the tag to attach and the tally to count statements in. */
public record QueryContext(QueryTag tag, StatementTally tally) {

  public QueryContext {
    Objects.requireNonNull(tag);
    Objects.requireNonNull(tally);
  }
}
