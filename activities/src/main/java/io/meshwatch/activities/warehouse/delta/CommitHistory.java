package io.meshwatch.activities.warehouse.delta;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The most recent commits of a Delta log that are still there to read, oldest first. */
record CommitHistory(List<Commit> commits) {

  CommitHistory {
    commits = commits.stream().sorted(Comparator.comparingLong(Commit::version)).toList();
  }

  /** The latest commit that changed data. */
  Optional<Commit> lastDataChange() {
    return commits.reversed().stream().filter(Commit::changesData).findFirst();
  }

  /** The latest commit that changed data or the table's definition. */
  Optional<Commit> lastChange() {
    return commits.reversed().stream().filter(c -> c.changesData() || c.changesDefinition()).findFirst();
  }

  /** The oldest commit read. */
  Optional<Commit> first() {
    return commits.stream().findFirst();
  }

  /** The instants of the last {@code limit} data changes, distinct, oldest first. */
  List<Instant> dataChanges(int limit) {
    List<Instant> all = commits.stream().filter(Commit::changesData).map(Commit::timestamp).distinct().sorted()
        .toList();
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }
}
