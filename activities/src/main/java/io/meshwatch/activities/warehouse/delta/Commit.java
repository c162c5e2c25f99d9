package io.meshwatch.activities.warehouse.delta;

import java.time.Instant;
import java.util.Objects;

/**
 * One commit of a Delta log, as much as meshwatch needs of it: when it was committed, whether it
 * changed data (an {@code add} or {@code remove} with {@code dataChange: true}: WRITE, MERGE,
 * DELETE, UPDATE, ...; OPTIMIZE and other compactions rewrite files with {@code dataChange: false})
 * and whether it changed the table's definition (a {@code metaData} or {@code protocol} action).
 *
 * <p>{@code timestamp} is the commit's in-commit timestamp when the table has them enabled, else the
 * modification time of the commit file, which is what Delta itself uses (and what moves when a log
 * is copied).
 */
record Commit(long version, Instant timestamp, boolean changesData, boolean changesDefinition) {

  Commit {
    Objects.requireNonNull(timestamp);
  }
}
